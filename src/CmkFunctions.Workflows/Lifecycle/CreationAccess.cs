using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Lifecycle;

public enum CreationAccessOutcome
{
    /// <summary>The identity may get, wrap and unwrap with the key (or the resource uses Microsoft-managed keys).</summary>
    Granted,

    /// <summary>Not yet: the resource waits for authorization until <see cref="CreationAccess.Deadline"/>.</summary>
    Waiting,

    /// <summary>The resource failed for good; <see cref="CreationAccess.Error"/> says why.</summary>
    Failed,
}

public sealed record CreationAccess(CreationAccessOutcome Outcome, DateTimeOffset? Deadline = null, ResourceError? Error = null);
