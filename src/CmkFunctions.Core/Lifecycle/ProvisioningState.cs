namespace CmkFunctions.Core.Lifecycle;

/// <summary>Where a resource is in its lifecycle; <see cref="ProvisioningTransitions"/> says which moves are allowed.</summary>
public enum ProvisioningState
{
    Creating,

    /// <summary>The identity has no access to the key yet; only kinds with an authorization step wait here.</summary>
    WaitingForKey,

    ProvisioningDisks,
    Succeeded,

    /// <summary>Terminal: a failed resource is deleted and created again, never repaired.</summary>
    Failed,

    /// <summary>Key changes, rotation, CMK/MMK switches and scale-up.</summary>
    Updating,

    Deleting,
}
