namespace CmkFunctions.Workflows.Lifecycle;

/// <param name="AuthorizationCheckInterval">How often the wait for authorization re-checks access on its own.</param>
/// <param name="StartedAt">When the operation started: the orchestration starts over with each wait, the operation does not.</param>
public sealed record CreateResourceInput(string ResourceName, TimeSpan AuthorizationCheckInterval, DateTimeOffset StartedAt);
