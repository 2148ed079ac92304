using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Functions.Invocation;

/// <summary>
/// What an <c>[ActivityTrigger]</c> wrapper hands the shared activity class. The isolated Durable extension binds the
/// trigger's input and its <c>instanceId</c> metadata but no <see cref="TaskActivityContext"/>, so the wrapper builds one.
/// </summary>
internal static class ActivityInvocation
{
    /// <summary>The activity class from the invocation's services (registered by <c>AddWorkflowActivities</c>).</summary>
    public static TActivity Activity<TActivity>(this FunctionContext executionContext)
        where TActivity : notnull, ITaskActivity
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        return executionContext.InstanceServices.GetRequiredService<TActivity>();
    }

    /// <summary>The activity's context: its function name and the orchestration instance that scheduled it.</summary>
    public static TaskActivityContext ActivityContext(this FunctionContext executionContext, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        return new FunctionActivityContext(executionContext.FunctionDefinition.Name, instanceId);
    }

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
