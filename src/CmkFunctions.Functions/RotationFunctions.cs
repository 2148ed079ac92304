using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Rotation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>Following a key's new version: every resource that uses the key moves to it.</summary>
public static class RotationFunctions
{
    [Function(nameof(RotateKeyOrchestrator))]
    public static Task<string> RotateKeyOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RotateKeyOrchestrator().RunAsync(context, context.GetInput<KeyRotation>()!);

    [Function(nameof(PlanRotation))]
    public static Task<RotationPlan?> PlanRotation([ActivityTrigger] string input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<PlanRotation>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(MoveFollowersToKeyVersion))]
    public static Task<Dictionary<string, KeyMoveOutcome>> MoveFollowersToKeyVersion([ActivityTrigger] FollowersToMove input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<MoveFollowersToKeyVersion>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(LeaveKeyFollowers))]
    public static Task<int> LeaveKeyFollowers([ActivityTrigger] FollowersLeaving input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<LeaveKeyFollowers>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
