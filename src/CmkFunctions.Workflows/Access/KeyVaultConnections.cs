using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Cryptography;
using Azure.Identity;
using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Settings;
using CmkFunctions.Workflows.Telemetry;
using CmkFunctions.KeyVault;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// Key Vault and ARM access for the service's own identity and for each resource's identity: one managed-identity
/// credential per client id and one <see cref="KeyVaultClient"/> per identity and vault, shared so tokens are cached.
/// </summary>
public sealed class KeyVaultConnections
{
    private readonly ConcurrentDictionary<string, TokenCredential> _credentials = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Identity, Uri Vault), KeyVaultClient> _clients = new();
    private readonly ConcurrentDictionary<string, KeyVaultKeyResolver> _resolvers = new(StringComparer.OrdinalIgnoreCase);
    private readonly KeyVaultClientOptions _clientOptions;
    private readonly string _serviceIdentity;

    public KeyVaultConnections(IOptions<CmkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _serviceIdentity = settings.ServiceIdentityClientId ?? string.Empty;
        _clientOptions = new KeyVaultClientOptions { DisableChallengeResourceVerification = settings.DisableChallengeResourceVerification };
        _clientOptions.AddPolicy(new KeyVaultCallMetrics(), HttpPipelinePosition.PerRetry);
        ArmOptions = new ArmClientOptions();
        if (!string.IsNullOrEmpty(settings.KeyVaultCaCertificate))
        {
            _clientOptions.Transport = TrustedCaTransport.Create(settings.KeyVaultCaCertificate);
            ArmOptions.Transport = TrustedCaTransport.Create(settings.KeyVaultCaCertificate);
        }

        ServiceCredential = CredentialFor(_serviceIdentity);
        Management = new KeyVaultManagementClient(settings.ManagementEndpoint!, ServiceCredential, ManagementOptions(settings));
    }

    /// <summary>The service's own identity: reads vault and key facts, manages system-assigned identities.</summary>
    public TokenCredential ServiceCredential { get; }

    /// <summary>The client id of <see cref="ServiceCredential"/>; empty for the host's default managed identity.</summary>
    public string ServiceIdentityClientId => _serviceIdentity;

    public KeyVaultManagementClient Management { get; }

    /// <summary>Pipeline options for the service's own ARM calls.</summary>
    public ArmClientOptions ArmOptions { get; }

    /// <summary>A client for <paramref name="vaultUri"/> that authenticates as the service itself.</summary>
    public KeyVaultClient ServiceClient(Uri vaultUri) => ClientFor(_serviceIdentity, vaultUri);

    /// <summary>A client for <paramref name="vaultUri"/> that authenticates as the managed identity <paramref name="clientId"/>.</summary>
    public KeyVaultClient ClientFor(string clientId, Uri vaultUri) =>
        _clients.GetOrAdd((clientId, vaultUri), key => new KeyVaultClient(key.Vault, CredentialFor(key.Identity), _clientOptions));

    /// <summary>The key <paramref name="keyId"/> as the managed identity <paramref name="clientId"/> sees it.</summary>
    public KeyVaultKeyEncryptionKey KeyFor(string clientId, KeyVaultKeyIdentifier keyId) => new(ClientFor(clientId, keyId.VaultUri), keyId);

    /// <summary>Resolves wrapped keys' <c>kid</c>s to keys used as the managed identity <paramref name="clientId"/>.</summary>
    public IKeyEncryptionKeyResolver ResolverFor(string clientId) =>
        _resolvers.GetOrAdd(clientId, id => new KeyVaultKeyResolver(CredentialFor(id), _clientOptions));

    /// <summary>The managed identity <paramref name="clientId"/>; empty means the host's system-assigned identity.</summary>
    public TokenCredential CredentialFor(string clientId) =>
        _credentials.GetOrAdd(clientId, id => new ManagedIdentityCredential(
            id.Length == 0 ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(id)));

    private static KeyVaultManagementClientOptions ManagementOptions(CmkOptions settings)
    {
        var options = new KeyVaultManagementClientOptions();
        if (!string.IsNullOrEmpty(settings.KeyVaultCaCertificate))
        {
            options.Transport = TrustedCaTransport.Create(settings.KeyVaultCaCertificate);
        }

        return options;
    }
}
