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
/// material sits in owner-only files under the data directory. The public key is <see cref="Modulus"/> and
/// <see cref="Exponent"/> for RSA keys, <see cref="Curve"/>, <see cref="X"/> and <see cref="Y"/> for EC keys (base64url);
/// <see cref="KeySize"/> is the modulus's or the curve's size in bits.
/// </summary>
public sealed record KeyVersionRecord(
    string Version,
    string KeyType,
    int KeySize,
    IReadOnlyList<string> KeyOperations,
    KeyAttributesRecord Attributes,
    IReadOnlyDictionary<string, string>? Tags,
    string? Modulus,
    string? Exponent,
    string PrivateKey,
    string? Curve = null,
    string? X = null,
    string? Y = null);

/// <summary>Times are Unix seconds, as on the wire.</summary>
public sealed record KeyAttributesRecord(bool Enabled, long? NotBefore, long? Expires, long Created, long Updated);

public sealed record KeyDeletion(long DeletedDate, long ScheduledPurgeDate);
