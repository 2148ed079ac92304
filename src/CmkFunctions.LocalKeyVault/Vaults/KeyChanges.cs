namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>What a create request asks for, before validation against the vault.</summary>
public sealed record KeyCreation(
    string? KeyType,
    int? KeySize,
    string? Curve,
    IReadOnlyList<string>? KeyOperations,
    bool? Enabled,
    long? NotBefore,
    long? Expires,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>A PATCH: absent (null) members leave the stored value unchanged.</summary>
public sealed record KeyUpdate(
    IReadOnlyList<string>? KeyOperations,
    bool? Enabled,
    long? NotBefore,
    long? Expires,
    IReadOnlyDictionary<string, string>? Tags);
