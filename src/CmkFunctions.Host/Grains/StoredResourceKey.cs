using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Host.Grains;

/// <summary>The resource key as stored: wrapped by the customer's key, with the versioned <c>kid</c> that wrapped it. Never the plaintext.</summary>
[GenerateSerializer, Immutable, Alias("cmk.StoredResourceKey")]
public sealed record StoredResourceKey
{
    [Id(0)] public string KeyId { get; init; } = string.Empty;

    [Id(1)] public string Algorithm { get; init; } = string.Empty;

    [Id(2)] public byte[] Value { get; init; } = [];

    public static StoredResourceKey From(WrappedResourceKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return new() { KeyId = wrapped.KeyId, Algorithm = wrapped.Algorithm, Value = wrapped.Value.ToArray() };
    }

    public WrappedResourceKey ToWrapped() => new(KeyId, Algorithm, Value);
}
