namespace CmkFunctions.Host.Grains;

/// <summary>
/// A resource's access to its key (implemented by <see cref="ResourceGrain"/>, same key): re-checks on Key Vault events,
/// refusals seen anywhere in the host and the periodic health check, and key warnings.
/// </summary>
[Alias("cmk.IResourceKeyAccessGrain")]
public interface IResourceKeyAccessGrain : IGrainWithStringKey
{
    /// <summary>
    /// Probes the identity's access to the active key version now (wrap, then unwrap) and records the result:
    /// Healthy, or KeyInaccessible with when and why. Returns the state afterwards; null when the resource does not exist.
    /// </summary>
    /// <param name="trigger">What asked for the check, for the log (an event type, "health check", "data plane").</param>
    [Alias("RecheckKeyAccess")]
    Task<ResourceState?> RecheckKeyAccessAsync(string trigger);

    /// <summary>Key Vault says key version <paramref name="keyId"/> expires soon: shown on the resource while it is the active version.</summary>
    [Alias("KeyNearExpiry")]
    Task KeyNearExpiryAsync(string keyId, DateTimeOffset? expiresOn);
}
