using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// The key the service owns (<c>Cmk:PlatformKeyUri</c>, versionless) for Microsoft-managed resources and disks:
/// it wraps their resource keys in its current version, always as the service's own identity. Without the setting,
/// Microsoft-managed disks hold no data.
/// </summary>
public sealed class PlatformKey
{
    private readonly KeyVaultConnections _connections;
    private readonly KeyVaultKeyIdentifier? _keyId;

    public PlatformKey(IOptions<CmkOptions> options, KeyVaultConnections connections)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connections = connections;
        _keyId = KeyVaultKeyIdentifier.TryCreate(options.Value.PlatformKeyUri, out var keyId) ? keyId : null;
        IdentityClientId = connections.ServiceIdentityClientId;
    }

    public bool IsConfigured => _keyId is not null;

    /// <summary>The service's own identity, the only one that uses the platform key.</summary>
    public string IdentityClientId { get; }

    /// <summary>Whether <paramref name="wrapped"/> was wrapped by a version of the platform key.</summary>
    public bool Wrapped(WrappedResourceKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return _keyId is { } platform
            && KeyVaultKeyIdentifier.TryCreate(wrapped.KeyId, out var keyId)
            && string.Equals(keyId.VersionlessId.AbsoluteUri, platform.VersionlessId.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The platform key's current version, to wrap with.</summary>
    public async Task<IKeyEncryptionKey> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        var platform = _keyId ?? throw new InvalidOperationException("Cmk:PlatformKeyUri is not set: the service has no platform key.");
        var current = await _connections.ServiceClient(platform.VaultUri).GetKeyAsync(platform.Name, cancellationToken: cancellationToken);
        return _connections.KeyFor(IdentityClientId, current.Id);
    }

    public async Task<WrappedResourceKey> WrapAsync(ResourceKey resourceKey, CancellationToken cancellationToken) =>
        await ResourceKeyWrapping.WrapAsync(resourceKey, await CurrentVersionAsync(cancellationToken), cancellationToken: cancellationToken);

    /// <summary>Unwraps keys as the identity that may use them: platform-wrapped ones as the service, the others as <paramref name="identityClientId"/>.</summary>
    public IKeyEncryptionKeyResolver ResolverFor(WrappedResourceKey wrapped, string? identityClientId)
    {
        if (Wrapped(wrapped))
        {
            return _connections.ResolverFor(IdentityClientId);
        }

        ArgumentException.ThrowIfNullOrEmpty(identityClientId);
        return _connections.ResolverFor(identityClientId);
    }
}
