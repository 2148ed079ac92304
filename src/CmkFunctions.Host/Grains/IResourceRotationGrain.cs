namespace CmkFunctions.Host.Grains;

/// <summary>
/// A resource's key moves (implemented by <see cref="ResourceGrain"/>, same key): following a new version of its
/// versionless key, and changes of key, vault, version or pinning asked for by <c>PATCH .../encryption</c>.
/// </summary>
[Alias("cmk.IResourceRotationGrain")]
public interface IResourceRotationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Re-wraps the resource key with <paramref name="versionedKeyId"/> (one unwrap, one wrap), puts it into every disk's
    /// metadata and persists it, unless the resource is pinned, uses another key, or already uses that or a newer version
    /// (by <paramref name="createdOn"/>, Key Vault's creation time). Returns once the outcome is durable.
    /// </summary>
    [Alias("FollowKeyVersion"), ResponseTimeout("00:05:00")]
    Task<KeyMoveOutcome> FollowKeyVersionAsync(string versionedKeyId, DateTimeOffset? createdOn);

    /// <summary>Starts a validated encryption change under operation <paramref name="operationId"/>; a refusal (nothing changed) when the resource is not in a state that allows it.</summary>
    [Alias("ChangeEncryption")]
    Task<ResourceError?> ChangeEncryptionAsync(KeyChange change, string operationId);
}
