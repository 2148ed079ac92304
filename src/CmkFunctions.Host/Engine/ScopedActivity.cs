using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace CmkFunctions.Host.Engine;

/// <summary>
/// One call of a portable-SDK activity class: the class comes from a dependency-injection scope of its own, disposed
/// when the call ends, as a Functions invocation gets.
/// </summary>
internal sealed class ScopedActivity(string name, Type activityType, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    : CoreTaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("Activities run asynchronously, through RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = scopes.CreateAsyncScope();
        var activity = (ITaskActivity)scope.ServiceProvider.GetRequiredService(activityType);
        return await shims.CreateActivity(new TaskName(name), activity).RunAsync(context, input);
    }
}
