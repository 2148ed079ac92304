using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault.Pipeline;

namespace CmkFunctions.KeyVault;

/// <summary>
/// The Key Vault keys operations the service needs (api-version 7.5), for one vault: get a key, list its versions,
/// wrap and unwrap. Authenticates with Key Vault's challenge protocol; retries as <see cref="KeyVaultClientOptions"/> say;
/// fails with <see cref="KeyVaultRequestException"/> subclasses that name the reason.
/// </summary>
public sealed class KeyVaultClient
{
    private const string ApiVersion = "7.5";

    private readonly ServicePipeline _pipeline;

    /// <param name="vaultUri">The vault's URI, <c>https://NAME.vault.azure.net/</c> (or the local Key Vault's).</param>
    public KeyVaultClient(Uri vaultUri, TokenCredential credential, KeyVaultClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(credential);
        if (!vaultUri.IsAbsoluteUri || vaultUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Vault URI '{vaultUri}' must be an absolute https URI.", nameof(vaultUri));
        }

        options ??= new KeyVaultClientOptions();
        VaultUri = new Uri(vaultUri.GetLeftPart(UriPartial.Authority) + "/");
        _pipeline = new ServicePipeline(HttpPipelineBuilder.Build(
            options,
            new ChallengeAuthenticationPolicy(credential, verifyChallengeResource: !options.DisableChallengeResourceVerification)),
            keyRequests: true);
    }

    /// <summary><c>https://host[:port]/</c>.</summary>
    public Uri VaultUri { get; }

    /// <summary>Gets a key version; the latest when <paramref name="version"/> is null.</summary>
    public async Task<KeyVaultKey> GetKeyAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, KeyUri(name, version));
        var body = await _pipeline.SendAsync(message, Describe(message), async: true, cancellationToken).ConfigureAwait(false);
        return KeyBundleJson.ReadKey(body);
    }

    /// <summary>Lists every version of a key, following <c>nextLink</c> page by page; a page size hint becomes <c>maxresults</c>.</summary>
    public AsyncPageable<KeyProperties> GetKeyVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        var firstPage = KeyUri(name, version: null, "versions");
        return new NextLinkPageable<KeyProperties>(
            (nextLink, pageSizeHint, token) => GetKeyVersionsPageAsync(firstPage, nextLink, pageSizeHint, token),
            cancellationToken);
    }

    /// <summary>Wraps <paramref name="key"/> with the key version named, or the latest when <paramref name="version"/> is null.</summary>
    public async Task<WrapResult> WrapKeyAsync(
        string name, string? version, ReadOnlyMemory<byte> key,
        KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default)
    {
        var (keyId, encryptedKey) = await KeyOperationAsync("wrapkey", name, version, key, algorithm, async: true, cancellationToken).ConfigureAwait(false);
        return new WrapResult(keyId, encryptedKey, algorithm);
    }

    /// <inheritdoc cref="WrapKeyAsync"/>
    public WrapResult WrapKey(
        string name, string? version, ReadOnlyMemory<byte> key,
        KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default)
    {
        var (keyId, encryptedKey) = KeyOperationAsync("wrapkey", name, version, key, algorithm, async: false, cancellationToken).GetAwaiter().GetResult();
        return new WrapResult(keyId, encryptedKey, algorithm);
    }

    /// <summary>
    /// Unwraps <paramref name="encryptedKey"/> with the key version that wrapped it (the latest when
    /// <paramref name="version"/> is null). A disabled, expired or not-yet-valid key refuses with
    /// <see cref="KeyVaultKeyUnusableException"/>, which makes unwrap the right probe for "may we still use this key".
    /// </summary>
    public async Task<UnwrapResult> UnwrapKeyAsync(
        string name, string? version, ReadOnlyMemory<byte> encryptedKey,
        KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default)
    {
        var (keyId, key) = await KeyOperationAsync("unwrapkey", name, version, encryptedKey, algorithm, async: true, cancellationToken).ConfigureAwait(false);
        return new UnwrapResult(keyId, key, algorithm);
    }

    /// <inheritdoc cref="UnwrapKeyAsync"/>
    public UnwrapResult UnwrapKey(
        string name, string? version, ReadOnlyMemory<byte> encryptedKey,
        KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default)
    {
        var (keyId, key) = KeyOperationAsync("unwrapkey", name, version, encryptedKey, algorithm, async: false, cancellationToken).GetAwaiter().GetResult();
        return new UnwrapResult(keyId, key, algorithm);
    }

    private async Task<(KeyVaultKeyIdentifier KeyId, byte[] Value)> KeyOperationAsync(
        string operation, string name, string? version, ReadOnlyMemory<byte> value,
        KeyWrapAlgorithm algorithm, bool async, CancellationToken cancellationToken)
    {
        var body = KeyOperationJson.CreateRequest(algorithm, value.Span);
        try
        {
            using var message = _pipeline.CreateMessage(RequestMethod.Post, KeyUri(name, version, operation));
            message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(body);
            return await _pipeline.SendSensitiveAsync(message, Describe(message), KeyOperationJson.ReadResult, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(body);
        }
    }

    private async Task<Page<KeyProperties>> GetKeyVersionsPageAsync(Uri firstPage, string? nextLink, int? pageSizeHint, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, nextLink is null ? firstPage : SameVaultUri(nextLink));
        if (nextLink is null && pageSizeHint is { } maxResults)
        {
            message.Request.Uri.AppendQuery("maxresults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var body = await _pipeline.SendAsync(message, Describe(message), async: true, cancellationToken).ConfigureAwait(false);
        var (items, next) = KeyBundleJson.ReadVersionsPage(body);
        return Page<KeyProperties>.FromValues(items, next, message.Response);
    }

    // A nextLink elsewhere would receive this vault's bearer token.
    private Uri SameVaultUri(string nextLink) =>
        Uri.TryCreate(nextLink, UriKind.Absolute, out var uri)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), VaultUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? uri
            : throw new InvalidDataException($"Key Vault's nextLink '{nextLink}' does not point into vault {VaultUri}.");

    private Uri KeyUri(string name, string? version, string? operation = null)
    {
        if (!KeyVaultKeyIdentifier.IsName(name))
        {
            throw new ArgumentException($"Key name '{name}' must be 1-127 letters, digits or hyphens.", nameof(name));
        }

        if (version is not null && !KeyVaultKeyIdentifier.IsVersion(version))
        {
            throw new ArgumentException($"Key version '{version}' must be 32 hex characters.", nameof(version));
        }

        var path = "keys/" + name + (version is null ? string.Empty : "/" + version) + (operation is null ? string.Empty : "/" + operation);
        return new Uri(VaultUri, path + "?api-version=" + ApiVersion);
    }

    private static string Describe(HttpMessage message) =>
        $"{message.Request.Method} {message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path)}";
}
