using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Records;

/// <summary>The resource key as stored: wrapped by the customer's key, with the versioned <c>kid</c> that wrapped it. Never the plaintext.</summary>
public sealed record StoredResourceKey
{
    public string KeyId { get; init; } = string.Empty;

    public string Algorithm { get; init; } = string.Empty;

    public byte[] Value { get; init; } = [];

    public static StoredResourceKey From(WrappedResourceKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return new() { KeyId = wrapped.KeyId, Algorithm = wrapped.Algorithm, Value = wrapped.Value.ToArray() };
    }

    public WrappedResourceKey ToWrapped() => new(KeyId, Algorithm, Value);
}
