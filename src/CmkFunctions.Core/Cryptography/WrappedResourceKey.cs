namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A resource key wrapped by the customer's key (or, for MMK, the platform key): the wrapped bytes, the
/// algorithm, and the versioned key id (<c>kid</c>) of the key that wrapped it. Value equality compares bytes.
/// </summary>
public sealed record WrappedResourceKey
{
    /// <exception cref="ArgumentException">A field is empty or the algorithm is not RSA-OAEP-256 or RSA-OAEP.</exception>
    public WrappedResourceKey(string keyId, string algorithm, ReadOnlyMemory<byte> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (!KeyWrapAlgorithms.IsCustomerKeyAlgorithm(algorithm))
        {
            throw new ArgumentException(
                $"Algorithm '{algorithm}' cannot wrap a resource key; use {KeyWrapAlgorithms.RsaOaep256} or {KeyWrapAlgorithms.RsaOaep}.",
                nameof(algorithm));
        }

        if (value.IsEmpty)
        {
            throw new ArgumentException("A wrapped resource key must not be empty.", nameof(value));
        }

        KeyId = keyId;
        Algorithm = algorithm;
        Value = value.ToArray();
    }

    /// <summary>The versioned key id of the customer's key that wrapped this key.</summary>
    public string KeyId { get; }

    public string Algorithm { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public bool Equals(WrappedResourceKey? other) =>
        other is not null
        && KeyId == other.KeyId
        && Algorithm == other.Algorithm
        && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(KeyId);
        hash.Add(Algorithm);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }
}
