namespace CmkFunctions.Workflows.Lifecycle;

/// <param name="AuthorizationCheckInterval">How often the wait for authorization re-checks access on its own.</param>
public sealed record CreateResourceInput(string ResourceName, TimeSpan AuthorizationCheckInterval);
