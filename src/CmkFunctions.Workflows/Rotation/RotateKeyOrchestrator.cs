using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// A new version of a key: list the key's followers and read its current version from Key Vault (events come in any
/// order; versions are ordered by Key Vault's creation time) in one step, and move them to that version:
/// <c>Cmk:RotationConcurrency</c> lanes share the followers, each moving its share in steps (activities) of up to
/// <see cref="MaxBatchesPerStep"/> batches of <c>Cmk:RotationBatchSize</c>. Followers that no longer follow the key
/// leave its index; busy ones (provisioning, another change, Key Vault did not answer) are asked again every
/// <c>Cmk:RotationRetryInterval</c>, for at most <see cref="GiveUpAfter"/>.
/// </summary>
public sealed class RotateKeyOrchestrator : TaskOrchestrator<KeyRotation, string>
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// Bounds a step: between two steps of a lane the orchestrator must wake up (the work waits up to a queue polling
    /// interval), so steps are long; a step retried after a crash reads its followers again and skips those moved.
    /// </summary>
    private const int MaxBatchesPerStep = 10;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, KeyRotation input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var round = input.Retry ?? await FirstRoundAsync(context, input);
        if (round is null)
        {
            return $"No resource follows key '{input.KeyId}'.";
        }

        var outcomes = await MoveFollowersAsync(context, round);
        var gone = Named(outcomes, KeyMoveOutcome.NotFollowing);
        if (gone.Count > 0)
        {
            await context.CallActivityAsync(nameof(LeaveKeyFollowers), new FollowersLeaving(input.KeyId, gone), ActivityRetry.Options);
        }

        var busy = Named(outcomes, KeyMoveOutcome.Busy);
        var summary = $"{Named(outcomes, KeyMoveOutcome.Moved).Count} followers of '{input.KeyId}' moved to '{round.Target.KeyId}', "
            + $"{Named(outcomes, KeyMoveOutcome.AlreadyCurrent).Count} already there, {Named(outcomes, KeyMoveOutcome.Refused).Count} refused, {busy.Count} busy.";
        context.CreateReplaySafeLogger<RotateKeyOrchestrator>().LogInformation("Rotation {Rotation}: {Summary}", context.InstanceId, summary);
        if (busy.Count == 0)
        {
            return summary;
        }

        if (context.CurrentUtcDateTime + round.RetryInterval > round.GiveUpAt)
        {
            throw context.FailOperation(new ResourceError
            {
                Code = "rotation.followers-busy",
                Message = $"Key '{input.KeyId}': {string.Join(", ", busy)} stayed busy for {GiveUpAfter.TotalHours} hours and did not move to '{round.Target.KeyId}'.",
            });
        }

        await context.CreateTimer(round.RetryInterval, CancellationToken.None);
        context.ContinueAsNew(input with { Retry = round with { Followers = busy } });
        return summary;
    }

    private static async Task<RotationRound?> FirstRoundAsync(TaskOrchestrationContext context, KeyRotation input) =>
        await context.CallActivityAsync<RotationPlan?>(nameof(PlanRotation), input.KeyId, ActivityRetry.Options) is { } plan
            ? new RotationRound(plan.Target, plan.Followers, plan.BatchSize, plan.Lanes, plan.RetryInterval, context.CurrentUtcDateTime + GiveUpAfter)
            : null;

    /// <summary>Each follower's outcome; a step whose move kept failing is busy (its claims, if any, are resumed next round).</summary>
    private static async Task<Dictionary<string, KeyMoveOutcome>> MoveFollowersAsync(TaskOrchestrationContext context, RotationRound round)
    {
        var outcomes = new Dictionary<string, KeyMoveOutcome>(StringComparer.Ordinal);
        await FanOut.RunAsync(round.Followers.Chunk(StepSize(round)), round.Lanes, async names =>
        {
            try
            {
                var step = new FollowersToMove(names, round.Target, context.InstanceId, round.BatchSize);
                foreach (var (name, outcome) in await context.CallActivityAsync<Dictionary<string, KeyMoveOutcome>>(nameof(MoveFollowersToKeyVersion), step, ActivityRetry.Options))
                {
                    outcomes[name] = outcome;
                }
            }
            catch (TaskFailedException)
            {
                foreach (var name in names)
                {
                    outcomes[name] = KeyMoveOutcome.Busy;
                }
            }
        });
        return outcomes;
    }

    /// <summary>Followers per step: the same number of steps for every lane, each of at most <see cref="MaxBatchesPerStep"/> batches.</summary>
    private static int StepSize(RotationRound round)
    {
        var perRoundOfSteps = round.Lanes * round.BatchSize * MaxBatchesPerStep;
        var steps = round.Lanes * ((round.Followers.Count + perRoundOfSteps - 1) / perRoundOfSteps);
        return (round.Followers.Count + steps - 1) / steps;
    }

    private static List<string> Named(Dictionary<string, KeyMoveOutcome> outcomes, KeyMoveOutcome outcome) =>
        [.. outcomes.Where(pair => pair.Value == outcome).Select(pair => pair.Key).Order(StringComparer.Ordinal)];
}
