using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Functions;

/// <summary>The periodic purge of finished operations past their retention.</summary>
public static class RetentionFunctions
{
    [Function(nameof(OperationRetentionOrchestrator))]
    public static Task<string> OperationRetentionOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new OperationRetentionOrchestrator().RunAsync(context, context.GetInput<OperationRetentionRound>()!);

    /// <summary>The client is the task hub's, bound to this invocation: the worker's services have none.</summary>
    [Function(nameof(PurgeFinishedOperations))]
    public static Task<TimeSpan> PurgeFinishedOperations(
        [ActivityTrigger] DateTimeOffset input, [DurableClient] DurableTaskClient client, string instanceId, FunctionContext executionContext) =>
        ActivatorUtilities.CreateInstance<PurgeFinishedOperations>(executionContext.InstanceServices, client)
            .RunAsync(executionContext.ActivityContext(instanceId), input);
}
