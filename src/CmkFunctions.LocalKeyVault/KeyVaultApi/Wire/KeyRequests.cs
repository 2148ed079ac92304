using System.Text.Json.Serialization;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;

public sealed record KeyAttributesParameters(bool? Enabled, long? Nbf, long? Exp);

public sealed record KeyCreateParameters(
    string? Kty,
    [property: JsonPropertyName("key_size")] int? KeySize,
    string? Crv,
    [property: JsonPropertyName("key_ops")] IReadOnlyList<string>? KeyOps,
    KeyAttributesParameters? Attributes,
    Dictionary<string, string>? Tags);

public sealed record KeyUpdateParameters(
    [property: JsonPropertyName("key_ops")] IReadOnlyList<string>? KeyOps,
    KeyAttributesParameters? Attributes,
    Dictionary<string, string>? Tags);

/// <summary>The body of wrapkey, unwrapkey, encrypt and decrypt: an algorithm and a base64url value.</summary>
public sealed record KeyOperationParameters(string? Alg, string? Value);

public sealed record KeyOperationResult(string Kid, string Value);
