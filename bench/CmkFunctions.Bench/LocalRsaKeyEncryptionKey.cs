using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace CmkFunctions.Bench;

/// <summary>
/// An RSA-2048 key-encryption key held in this process, for the storage SDK's client-side encryption: it wraps each
/// blob's content-encryption key with RSA-OAEP (SHA-1, the SDK's "RSA-OAEP" key-wrap algorithm).
/// </summary>
internal sealed class LocalRsaKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    public const string Algorithm = "RSA-OAEP";

    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = $"local-rsa-{Guid.NewGuid():N}";

    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        _rsa.Encrypt(key.Span, Padding(algorithm));

    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        _rsa.Decrypt(encryptedKey.Span, Padding(algorithm));

    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    public void Dispose() => _rsa.Dispose();

    private static RSAEncryptionPadding Padding(string algorithm) => algorithm == Algorithm
        ? RSAEncryptionPadding.OaepSHA1
        : throw new NotSupportedException($"Key-wrap algorithm {algorithm} is not supported; use {Algorithm}.");
}
