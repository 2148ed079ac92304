using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// An encryption change under way, persisted before any work so a crash resumes it: the settings the resource ends up
/// with and, for a rotation, the exact key version to wrap with.
/// </summary>
public sealed record KeyChange
{
    public KeyChangeTrigger Trigger { get; init; }

    public KeySource KeySource { get; init; }

    /// <summary>The key URI the resource has afterwards: versionless follows the latest version, versioned is pinned.</summary>
    public string? KeyUri { get; init; }

    public string? KeyVaultResourceId { get; init; }

    /// <summary>The versioned key id to wrap with; null means the current version of <see cref="KeyUri"/> when the change runs.</summary>
    public string? TargetKeyId { get; init; }

    public DateTimeOffset? TargetCreatedOn { get; init; }

    /// <summary>The identity the resource has afterwards when the change gives it one (a switch to a customer's key); null keeps its own.</summary>
    public ResourceIdentity? Identity { get; init; }

    /// <summary>Also re-encrypt every disk with a new DEK (after the re-wrap), resumably.</summary>
    public bool Reencrypt { get; init; }

    /// <summary>
    /// The resource key wrapped by the target, kept from the re-wrap until the change completes (then it becomes
    /// <see cref="ResourceState.ResourceKey"/>), so a resumed change writes the same wrap. Null before the re-wrap.
    /// </summary>
    public StoredResourceKey? RewrappedResourceKey { get; init; }

    /// <summary>For a rotation, the rotation (its orchestration instance) that claimed the resource: only it carries the move on.</summary>
    public string? RotationId { get; init; }
}

public enum KeyChangeTrigger
{
    /// <summary>A new version of the key the resource follows.</summary>
    Rotation,

    /// <summary><c>PATCH /api/resources/{name}/encryption</c>.</summary>
    Request,
}
