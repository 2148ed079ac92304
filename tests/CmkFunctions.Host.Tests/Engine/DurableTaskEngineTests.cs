using System.Diagnostics.CodeAnalysis;
using CmkFunctions.Host.Engine;
using CmkFunctions.Testing;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Host.Tests.Engine;

/// <summary>
/// The self-hosted engine end to end: the host's <c>AddDurableTaskEngine</c> on Azurite, driven through the
/// <see cref="DurableTaskClient"/> the HTTP handlers get, with orchestrators and activities of these tests' own.
/// </summary>
public sealed class DurableTaskEngineTests(DurableTaskEngineTests.EngineHost engine) : IClassFixture<DurableTaskEngineTests.EngineHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private DurableTaskClient Client => engine.Client;

    [Fact]
    public async Task FanOut_CompletesWithTheSumOfItsActivities()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOfSquares), Numbers(1, 2, 3, 4));

        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(30, finished.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ApprovalRacedWithDeadline_CompletesWhenTheEventIsRaised()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalBeforeDeadline), TimeSpan.FromHours(1));
        using var deadline = new CancellationTokenSource(Deadline);
        await Client.WaitForInstanceStartAsync(instanceId, deadline.Token);

        await Client.RaiseEventAsync(instanceId, ApprovalBeforeDeadline.EventName, "alice");
        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("approved by alice", finished.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ApprovalRacedWithDeadline_CompletesWhenTheDurableTimerFires()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalBeforeDeadline), TimeSpan.FromSeconds(2));

        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal("deadline passed", finished.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FailingOrchestration_ReportsFailedWithTheExceptionsTypeAndMessage()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(FailsAfterSettingStatus), "disk plan is empty");

        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, finished.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, finished.FailureDetails?.ErrorType);
        Assert.Equal("disk plan is empty", finished.FailureDetails?.ErrorMessage);
    }

    [Fact]
    public async Task FailingOrchestration_KeepsTheCustomStatusSetBeforeTheThrow()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(FailsAfterSettingStatus), "any failure");

        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal(FailsAfterSettingStatus.StatusBeforeThrow, finished.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task Terminate_GivesTerminatedWithTheGivenOutput()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForever));
        using var deadline = new CancellationTokenSource(Deadline);
        await Client.WaitForInstanceStartAsync(instanceId, deadline.Token);

        await Client.TerminateInstanceAsync(instanceId, "stopped by the test");
        var finished = await WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, finished.RuntimeStatus);
        Assert.Equal("stopped by the test", finished.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SchedulingAnUnfinishedInstanceIdAgain_ThrowsOrchestrationAlreadyExists()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForever), new StartOrchestrationOptions(InstanceId: NewInstanceId()));

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForever), new StartOrchestrationOptions(InstanceId: instanceId)));

        await Client.TerminateInstanceAsync(instanceId);
    }

    [Fact]
    public async Task SchedulingAFinishedInstanceIdAgain_RunsItAnew()
    {
        var options = new StartOrchestrationOptions(InstanceId: NewInstanceId());
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOfSquares), Numbers(1), options);
        await WaitForCompletionAsync(options.InstanceId!);

        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOfSquares), Numbers(2, 3), options);
        var again = await WaitForCompletionAsync(options.InstanceId!);

        Assert.Equal(13, again.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Purge_DeletesAFinishedInstance()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOfSquares), Numbers(5));
        await WaitForCompletionAsync(instanceId);

        var purged = await Client.PurgeInstanceAsync(instanceId);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(instanceId));
    }

    [Fact]
    public async Task PurgeAll_DeletesFinishedInstancesCreatedBeforeTheCutoffOnly()
    {
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOfSquares), Numbers(6));
        await WaitForCompletionAsync(finished);
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalBeforeDeadline), TimeSpan.FromHours(1));
        using var deadline = new CancellationTokenSource(Deadline);
        await Client.WaitForInstanceStartAsync(running, deadline.Token);
        var before = (await Client.GetInstanceAsync(finished))!.CreatedAt;

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: before.AddSeconds(-1), CreatedTo: DateTimeOffset.UtcNow));

        Assert.True(purged.PurgedInstanceCount >= 1);
        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(running))!.RuntimeStatus);
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running])));
        await Client.TerminateInstanceAsync(running);
    }

    private static string NewInstanceId() => Guid.NewGuid().ToString("N");

    private static int[] Numbers(params int[] numbers) => numbers;

    private async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException($"Orchestration {instanceId} did not finish within {Deadline.TotalSeconds} s: {state}");
        }
    }

    public sealed class SumOfSquares : TaskOrchestrator<int[], int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int[] input)
        {
            var squares = await Task.WhenAll(input.Select(number => context.CallActivityAsync<int>(nameof(Square), number)));
            return squares.Sum();
        }
    }

    public sealed class Square : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
    }

    public sealed class ApprovalBeforeDeadline : TaskOrchestrator<TimeSpan, string>
    {
        public const string EventName = "Approval";

        public override async Task<string> RunAsync(TaskOrchestrationContext context, TimeSpan input)
        {
            using var timerCancellation = new CancellationTokenSource();
            var approval = context.WaitForExternalEvent<string>(EventName);
            var deadline = context.CreateTimer(context.CurrentUtcDateTime + input, timerCancellation.Token);
            if (await Task.WhenAny(approval, deadline) == approval)
            {
                timerCancellation.Cancel();
                return $"approved by {await approval}";
            }

            return "deadline passed";
        }
    }

    public sealed class FailsAfterSettingStatus : TaskOrchestrator<string, string>
    {
        public const string StatusBeforeThrow = "checking the disk plan";

        public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            context.SetCustomStatus(StatusBeforeThrow);
            throw new InvalidOperationException(input);
        }
    }

    public sealed class WaitsForever : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.WaitForExternalEvent<string>("NeverRaised");
    }

    /// <summary>Azurite and a generic host running the engine with these tests' workflows, shared by the tests of the class.</summary>
    [SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
    public sealed class EngineHost : IAsyncLifetime
    {
        private readonly TemporaryDirectory _directory = new("engine");
        private AzuriteServer? _azurite;
        private IHost? _host;

        public DurableTaskClient Client => _host?.Services.GetRequiredService<DurableTaskClient>()
            ?? throw new InvalidOperationException("The engine has not started.");

        public async Task InitializeAsync()
        {
            _azurite = await AzuriteServer.StartAsync(_directory.Subdirectory("azurite"));
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Storage"] = _azurite.ConnectionString,
                ["extensions:durableTask:hubName"] = "EngineTests",
                ["extensions:durableTask:storageProvider:partitionCount"] = "1",
                ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddDurableTaskEngine(
                builder.Configuration,
                new EngineWorkflows(
                    [typeof(SumOfSquares), typeof(ApprovalBeforeDeadline), typeof(FailsAfterSettingStatus), typeof(WaitsForever)],
                    [typeof(Square)]));
            _host = builder.Build();
            await _host.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                _host.Dispose();
            }

            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }

            _directory.Dispose();
        }
    }
}
