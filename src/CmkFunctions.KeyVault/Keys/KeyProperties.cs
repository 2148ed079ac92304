using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>A key version's identifier, attributes and tags (what a versions listing returns). Times are UTC.</summary>
public sealed record KeyProperties(
    KeyVaultKeyIdentifier Id,
    bool? Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? UpdatedOn,
    string? RecoveryLevel,
    int? RecoverableDays,
    IReadOnlyDictionary<string, string> Tags);
