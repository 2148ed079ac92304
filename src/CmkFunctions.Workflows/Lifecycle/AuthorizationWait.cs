using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>
/// The wait between two access checks of a resource waiting for authorization: until someone says access may have
/// been granted (<see cref="AccessMayBeGrantedEvent"/>: <c>authorize</c>, a vault's access-policy event), until the next
/// periodic check, or until the deadline, whichever comes first.
/// </summary>
public static class AuthorizationWait
{
    public const string AccessMayBeGrantedEvent = "AccessMayBeGranted";

    public static async Task UntilNextCheckAsync(TaskOrchestrationContext context, DateTimeOffset deadline, TimeSpan checkInterval)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nextCheck = context.CurrentUtcDateTime + checkInterval;
        var wakeUp = nextCheck < deadline.UtcDateTime ? nextCheck : deadline.UtcDateTime;
        using var cancellation = new CancellationTokenSource();
        var granted = context.WaitForExternalEvent<string>(AccessMayBeGrantedEvent, cancellation.Token);
        var timer = context.CreateTimer(wakeUp, cancellation.Token);
        await Task.WhenAny(granted, timer);

        // CancelAsync would resume the orchestrator off its own thread; Cancel keeps it deterministic.
#pragma warning disable CA1849
        cancellation.Cancel();
#pragma warning restore CA1849
    }
}
