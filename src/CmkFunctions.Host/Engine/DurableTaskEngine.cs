using CmkFunctions.Workflows;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace CmkFunctions.Host.Engine;

/// <summary>
/// Runs the host's orchestrations and activities on the Durable Task engine over Azure Storage: creates the task hub
/// if it is missing, registers every workflow class, and processes work until the host stops.
/// </summary>
internal sealed class DurableTaskEngine : IHostedService, IDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;

    public DurableTaskEngine(
        AzureStorageOrchestrationService service,
        EngineWorkflows workflows,
        DurableTaskShimFactory shims,
        IServiceProvider services,
        IServiceScopeFactory scopes,
        ILoggerFactory loggerFactory)
    {
        _service = service;
        _worker = new TaskHubWorker(service, loggerFactory)
        {
            // Failed orchestrations then report the exception's type and message, as the portable SDK expects.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddTaskOrchestrations(workflows.Orchestrators
            .Select(ObjectCreator<TaskOrchestration> (type) => new OrchestratorCreator(WorkflowCatalog.NameOf(type), type, shims, services))
            .ToArray());
        _worker.AddTaskActivities(workflows.Activities
            .Select(ObjectCreator<CoreTaskActivity> (type) => new ActivityCreator(WorkflowCatalog.NameOf(type), type, shims, scopes))
            .ToArray());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        await _worker.StartAsync().WaitAsync(cancellationToken);
    }

    // Forced: in-flight work is abandoned rather than awaited; the engine replays it on whichever worker takes over.
    public Task StopAsync(CancellationToken cancellationToken) => _worker.StopAsync(isForced: true).WaitAsync(cancellationToken);

    public void Dispose() => _worker.Dispose();
}
