namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A disk's DEK wrapped by its resource key: <c>nonce || ciphertext || tag</c> of AES-256-GCM with the disk
/// header as associated data, and the check value of the resource key that wrapped it, which identifies that
/// key without revealing it. Value equality compares bytes.
/// </summary>
public sealed record WrappedDataEncryptionKey
{
    public const int ValueLength = ChunkFormat.NonceSize + DataEncryptionKey.SizeInBytes + ChunkFormat.TagSize;

    /// <exception cref="ArgumentException">The algorithm is not A256GCM or a field has the wrong length.</exception>
    public WrappedDataEncryptionKey(string algorithm, ReadOnlyMemory<byte> resourceKeyCheck, ReadOnlyMemory<byte> value)
    {
        if (algorithm != KeyWrapAlgorithms.Aes256Gcm)
        {
            throw new ArgumentException($"Algorithm '{algorithm}' cannot wrap a DEK; use {KeyWrapAlgorithms.Aes256Gcm}.", nameof(algorithm));
        }

        if (resourceKeyCheck.Length != KeyCheckValue.Length)
        {
            throw new ArgumentException($"A resource key check value is {KeyCheckValue.Length} bytes, not {resourceKeyCheck.Length}.", nameof(resourceKeyCheck));
        }

        if (value.Length != ValueLength)
        {
            throw new ArgumentException($"A wrapped DEK is {ValueLength} bytes, not {value.Length}.", nameof(value));
        }

        Algorithm = algorithm;
        ResourceKeyCheck = resourceKeyCheck.ToArray();
        Value = value.ToArray();
    }

    public string Algorithm { get; }

    /// <summary>HMAC-SHA256 of a fixed label under the resource key that wrapped this DEK.</summary>
    public ReadOnlyMemory<byte> ResourceKeyCheck { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public bool Equals(WrappedDataEncryptionKey? other) =>
        other is not null
        && Algorithm == other.Algorithm
        && ResourceKeyCheck.Span.SequenceEqual(other.ResourceKeyCheck.Span)
        && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(ResourceKeyCheck.Span);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }
}
