using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.Core.Keys;

/// <summary>
/// A Key Vault (or Managed HSM, or local Key Vault) key identifier:
/// <c>https://host[:port]/keys/name[/version]</c>. Key names compare case-insensitively, as Key Vault does.
/// </summary>
public readonly struct KeyVaultKeyIdentifier : IEquatable<KeyVaultKeyIdentifier>
{
    private const int MaxNameLength = 127;
    private const int VersionLength = 32;

    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a Key Vault key identifier; the message says why.</exception>
    public KeyVaultKeyIdentifier(Uri id)
    {
        ArgumentNullException.ThrowIfNull(id);
        this = TryCreate(id, out var identifier, out var error)
            ? identifier
            : throw new ArgumentException($"'{id.OriginalString}' is not a Key Vault key identifier: {error}.", nameof(id));
    }

    private KeyVaultKeyIdentifier(Uri vaultUri, string name, string? version)
    {
        VaultUri = vaultUri;
        Name = name;
        Version = version;
        VersionlessId = new Uri(vaultUri, "keys/" + name);
        Id = version is null ? VersionlessId : new Uri(vaultUri, $"keys/{name}/{version}");
    }

    /// <summary>Normalized: <c>https://host[:port]/keys/name[/version]</c>, no trailing slash, no query; version in lower case.</summary>
    public Uri Id { get; }

    /// <summary><c>https://host[:port]/</c>.</summary>
    public Uri VaultUri { get; }

    public string Name { get; }

    /// <summary>32 lower-case hex characters, or null when the identifier is versionless.</summary>
    public string? Version { get; }

    [MemberNotNullWhen(true, nameof(Version))]
    public bool IsVersioned => Version is not null;

    public bool IsManagedHsm => VaultUri is not null && KeyVaultHosts.IsManagedHsm(VaultUri.Host);

    public Uri VersionlessId { get; }

    public static bool TryCreate(Uri? id, out KeyVaultKeyIdentifier identifier) =>
        TryCreate(id, out identifier, out _);

    public static bool TryCreate(string? id, out KeyVaultKeyIdentifier identifier) =>
        TryCreate(id, out identifier, out _);

    /// <summary>Like <see cref="TryCreate(string?, out KeyVaultKeyIdentifier)"/>, and says what is wrong when it fails.</summary>
    public static bool TryCreate(string? id, out KeyVaultKeyIdentifier identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = default;
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "the key identifier is empty";
            return false;
        }

        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri))
        {
            error = "it is not an absolute URI";
            return false;
        }

        return TryCreate(uri, out identifier, out error);
    }

    /// <summary>Like <see cref="TryCreate(Uri?, out KeyVaultKeyIdentifier)"/>, and says what is wrong when it fails.</summary>
    public static bool TryCreate(Uri? id, out KeyVaultKeyIdentifier identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = default;
        if (id is null)
        {
            error = "the key identifier is empty";
            return false;
        }

        error = Parse(id, out var vaultUri, out var name, out var version);
        if (error is not null)
        {
            return false;
        }

        identifier = new KeyVaultKeyIdentifier(vaultUri!, name!, version);
        return true;
    }

    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="id"/> is not a Key Vault key identifier; the message says why.</exception>
    public static KeyVaultKeyIdentifier Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryCreate(id, out var identifier, out var error)
            ? identifier
            : throw new FormatException($"'{id}' is not a Key Vault key identifier: {error}.");
    }

    /// <exception cref="ArgumentException"><paramref name="version"/> is not 32 hex characters.</exception>
    public KeyVaultKeyIdentifier WithVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!IsVersion(version))
        {
            throw new ArgumentException($"Key version '{version}' must be {VersionLength} hex characters.", nameof(version));
        }

        return new KeyVaultKeyIdentifier(VaultUri, Name, version.ToLowerInvariant());
    }

    public bool Equals(KeyVaultKeyIdentifier other) =>
        Equals(VaultUri, other.VaultUri)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Version, other.Version, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is KeyVaultKeyIdentifier other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(VaultUri, Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name), Version);

    public override string ToString() => Id?.ToString() ?? string.Empty;

    public static bool operator ==(KeyVaultKeyIdentifier left, KeyVaultKeyIdentifier right) => left.Equals(right);

    public static bool operator !=(KeyVaultKeyIdentifier left, KeyVaultKeyIdentifier right) => !left.Equals(right);

    /// <summary>A key name Key Vault accepts: 1-127 letters, digits or hyphens.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>A key version as Key Vault issues them: 32 hex characters (any case).</summary>
    public static bool IsVersion(string? version) =>
        version is { Length: VersionLength } && version.All(char.IsAsciiHexDigit);

    private static string? Parse(Uri id, out Uri? vaultUri, out string? name, out string? version)
    {
        vaultUri = null;
        name = null;
        version = null;

        if (!id.IsAbsoluteUri)
        {
            return "it is not an absolute URI";
        }

        if (id.Scheme != Uri.UriSchemeHttps)
        {
            return $"scheme '{id.Scheme}' is not https";
        }

        if (id.UserInfo.Length > 0)
        {
            return "it must not carry user information";
        }

        if (id.Query.Length > 0 || id.Fragment.Length > 0)
        {
            return "it must not have a query string or fragment";
        }

        var hostError = KeyVaultHosts.Check(id);
        if (hostError is not null)
        {
            return hostError;
        }

        var path = id.AbsolutePath;
        if (path.EndsWith('/'))
        {
            path = path[..^1];
        }

        var segments = path.Length <= 1 ? [] : path[1..].Split('/');
        if (segments.Length is < 2 or > 3)
        {
            return $"path '{id.AbsolutePath}' must be /keys/NAME or /keys/NAME/VERSION";
        }

        if (!string.Equals(segments[0], "keys", StringComparison.OrdinalIgnoreCase))
        {
            return $"collection '{segments[0]}' is not 'keys'";
        }

        if (!IsName(segments[1]))
        {
            return $"key name '{segments[1]}' must be 1-{MaxNameLength} letters, digits or hyphens";
        }

        if (segments.Length == 3 && !IsVersion(segments[2]))
        {
            return $"key version '{segments[2]}' must be {VersionLength} hex characters";
        }

        vaultUri = new Uri(id.GetLeftPart(UriPartial.Authority) + "/");
        name = segments[1];
        version = segments.Length == 3 ? segments[2].ToLowerInvariant() : null;
        return null;
    }
}
