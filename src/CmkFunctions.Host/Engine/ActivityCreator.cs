using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace CmkFunctions.Host.Engine;

/// <summary>Hands the engine a <see cref="ScopedActivity"/> for each activity call.</summary>
internal sealed class ActivityCreator : ObjectCreator<CoreTaskActivity>
{
    private readonly Type _activityType;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceScopeFactory _scopes;

    public ActivityCreator(string name, Type activityType, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    {
        Name = name;
        Version = string.Empty;
        _activityType = activityType;
        _shims = shims;
        _scopes = scopes;
    }

    public override CoreTaskActivity Create() => new ScopedActivity(Name, _activityType, _shims, _scopes);
}
