using System.Security.Cryptography;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>
/// Test double of a customer's RSA key in Key Vault: a versioned key id, RSA-OAEP-256 / RSA-OAEP wrap and
/// unwrap in process. Counts its calls and keeps what it returned from unwrap, so tests can check the hierarchy
/// calls it as little as promised and zeroes what it received.
/// </summary>
internal sealed class RsaCustomerKey : IKeyEncryptionKey, IDisposable
{
    private readonly RSA rsa;
    private readonly List<byte[]> unwrapped = [];

    private RsaCustomerKey(string keyId, RSA rsa)
    {
        KeyId = keyId;
        this.rsa = rsa;
    }

    public string KeyId { get; }

    public int WrapCount { get; private set; }

    public int UnwrapCount { get; private set; }

    /// <summary>Every array <see cref="UnwrapKey"/> handed out, as the caller left it.</summary>
    public IReadOnlyList<byte[]> Unwrapped => unwrapped;

    public static RsaCustomerKey Create(string vault = "contoso", string name = "cmk") =>
        new($"https://{vault}.vault.azure.net/keys/{name}/{NewVersion()}", RSA.Create(2048));

    public static RsaCustomerKey WithKeyId(string keyId) => new(keyId, RSA.Create(2048));

    /// <summary>Another version of the same key, as Key Vault's rotate makes: same name, new version, new RSA key.</summary>
    public RsaCustomerKey Rotate()
    {
        var versionless = KeyId[..KeyId.LastIndexOf('/')];
        return new RsaCustomerKey($"{versionless}/{NewVersion()}", RSA.Create(2048));
    }

    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        WrapCount++;
        return rsa.Encrypt(key.Span, Padding(algorithm));
    }

    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        UnwrapCount++;
        var key = rsa.Decrypt(encryptedKey.Span, Padding(algorithm));
        unwrapped.Add(key);
        return key;
    }

    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    public void Dispose() => rsa.Dispose();

    private static string NewVersion() => Guid.NewGuid().ToString("N");

    private static RSAEncryptionPadding Padding(string algorithm) => algorithm switch
    {
        KeyWrapAlgorithms.RsaOaep256 => RSAEncryptionPadding.OaepSHA256,
        KeyWrapAlgorithms.RsaOaep => RSAEncryptionPadding.OaepSHA1,
        _ => throw new NotSupportedException($"Algorithm '{algorithm}' is not an RSA key-wrap algorithm."),
    };
}
