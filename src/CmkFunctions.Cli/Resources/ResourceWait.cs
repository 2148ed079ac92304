using System.CommandLine;
using CmkFunctions.Cli.Operations;
using CmkFunctions.Cli.Output;
using CmkFunctions.Cli.Service;

namespace CmkFunctions.Cli.Resources;

/// <summary>
/// <c>cmk resource wait NAME --state S [--timeout SECONDS]</c>: polls until the resource's <c>provisioningState</c> is S,
/// then prints it. Exit code 3 when it ends Failed instead, or the time runs out.
/// </summary>
internal static class ResourceWait
{
    private static readonly Option<string> State = new("--state")
    {
        Description = "The provisioningState to wait for, e.g. Succeeded or WaitingForKey.",
        DefaultValueFactory = _ => "Succeeded",
    };

    private static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait at most (default 3600).",
        DefaultValueFactory = _ => 3600,
    };

    public static Command Create(Argument<string> name)
    {
        var command = new Command("wait", "Wait until a resource reaches a provisioning state.") { name, State, Timeout };
        command.Run(async (parse, cancellationToken) =>
        {
            var resourceName = parse.GetValue(name)!;
            var wanted = parse.GetValue(State)!;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(parse.GetValue(Timeout));
            using var service = ServiceClient.From(parse);
            using var progress = new ProgressLine();
            while (true)
            {
                var resource = await service.TryGetResourceAsync(resourceName, cancellationToken)
                    ?? throw new CommandFailedException(ExitCodes.Refused, $"Resource '{resourceName}' does not exist.");
                var state = OperationWaiter.Text(resource, "provisioningState");
                if (string.Equals(state, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    progress.Dispose();
                    await AnswerWriter.WriteAsync(parse, resource);
                    return ExitCodes.Success;
                }

                if (state == "Failed")
                {
                    var error = resource["error"];
                    throw new CommandFailedException(
                        ExitCodes.OperationFailed,
                        $"Resource '{resourceName}' is Failed: {OperationWaiter.Text(error, "code")}: {OperationWaiter.Text(error, "message")}");
                }

                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new CommandFailedException(
                        ExitCodes.OperationFailed, $"Resource '{resourceName}' is still {state}, not {wanted}, after {parse.GetValue(Timeout)} s.");
                }

                progress.Show($"waiting for {wanted}: {ResourceProgress.Describe(resource)}");
                await Task.Delay(OperationWaiter.PollInterval, cancellationToken);
            }
        });
        return command;
    }
}
