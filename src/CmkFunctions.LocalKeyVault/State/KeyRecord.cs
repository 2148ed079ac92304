namespace CmkFunctions.LocalKeyVault.State;

/// <summary>A key with every version (oldest first) and, when soft-deleted, when that happened.</summary>
public sealed record KeyRecord(string Name, IReadOnlyList<KeyVersionRecord> Versions, KeyDeletion? Deleted)
{
    public KeyVersionRecord Latest => Versions[^1];

    public KeyVersionRecord? FindVersion(string version) =>
        Versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One key version. <see cref="PrivateKey"/> is the PKCS#8 private key, base64: this tool is the "HSM", so key
/// material sits in owner-only files under the data directory.
/// </summary>
public sealed record KeyVersionRecord(
    string Version,
    string KeyType,
    int KeySize,
    IReadOnlyList<string> KeyOperations,
    KeyAttributesRecord Attributes,
    IReadOnlyDictionary<string, string>? Tags,
    string Modulus,
    string Exponent,
    string PrivateKey);

/// <summary>Times are Unix seconds, as on the wire.</summary>
public sealed record KeyAttributesRecord(bool Enabled, long? NotBefore, long? Expires, long Created, long Updated);

public sealed record KeyDeletion(long DeletedDate, long ScheduledPurgeDate);
