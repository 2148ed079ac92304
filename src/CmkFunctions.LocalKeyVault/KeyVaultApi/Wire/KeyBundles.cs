using System.Text.Json.Serialization;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;

/// <summary>The public part of a key version as a JSON Web Key: n and e for RSA, crv, x and y for EC (base64url).</summary>
public sealed record JsonWebKey(
    string Kid,
    string Kty,
    [property: JsonPropertyName("key_ops")] IReadOnlyList<string> KeyOps,
    string? N,
    string? E,
    string? Crv,
    string? X,
    string? Y);

/// <summary>Key attributes; times are Unix seconds.</summary>
public sealed record KeyAttributes(
    bool Enabled,
    long? Nbf,
    long? Exp,
    long Created,
    long Updated,
    string RecoveryLevel,
    int RecoverableDays,
    bool Exportable);

public sealed record KeyBundle(JsonWebKey Key, KeyAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

/// <summary>A deleted key; the recovery members are absent when the vault has no soft delete (the key is gone).</summary>
public sealed record DeletedKeyBundle(
    JsonWebKey Key,
    KeyAttributes Attributes,
    IReadOnlyDictionary<string, string>? Tags,
    string? RecoveryId,
    long? DeletedDate,
    long? ScheduledPurgeDate);

public sealed record KeyItem(string Kid, KeyAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

public sealed record DeletedKeyItem(
    string Kid,
    KeyAttributes Attributes,
    IReadOnlyDictionary<string, string>? Tags,
    string RecoveryId,
    long DeletedDate,
    long ScheduledPurgeDate);

/// <summary>One page of a list; <see cref="NextLink"/> is an absolute URL, or null on the last page.</summary>
public sealed record Page<T>(
    IReadOnlyList<T> Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextLink);
