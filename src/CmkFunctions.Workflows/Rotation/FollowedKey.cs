using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Which key's versions a resource follows: a customer's key given versionless. Keys are the same when their versionless
/// ids are (vault hosts and key names compare case-insensitively).
/// </summary>
public static class FollowedKey
{
    /// <summary>The versionless key that <paramref name="keyUri"/> under <paramref name="keySource"/> follows; null when pinned or not a customer's key.</summary>
    public static KeyVaultKeyIdentifier? Of(KeySource keySource, string? keyUri) =>
        keySource == KeySource.KeyVault && KeyVaultKeyIdentifier.TryCreate(keyUri, out var keyId) && !keyId.IsVersioned ? keyId : null;

    public static bool Same(KeyVaultKeyIdentifier? left, KeyVaultKeyIdentifier right) =>
        left is { } key && string.Equals(key.VersionlessId.AbsoluteUri, right.VersionlessId.AbsoluteUri, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the resource follows <paramref name="key"/>, or is being changed by request to follow it: a live resource
    /// whose key URI, or whose pending requested change's, is <paramref name="key"/> versionless.
    /// </summary>
    public static bool IsFollowedBy(ResourceState? state, KeyVaultKeyIdentifier key)
    {
        if (state is null || state.ProvisioningState is ProvisioningState.Deleting or ProvisioningState.Failed)
        {
            return false;
        }

        return Same(Of(state.Spec.KeySource, state.Spec.KeyUri), key)
            || (state.PendingKeyChange is { Trigger: KeyChangeTrigger.Request } change && Same(Of(change.KeySource, change.KeyUri), key));
    }
}
