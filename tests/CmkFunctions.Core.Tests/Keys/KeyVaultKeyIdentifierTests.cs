using CmkFunctions.Core.Keys;

namespace CmkFunctions.Core.Tests.Keys;

public sealed class KeyVaultKeyIdentifierTests
{
    private const string Version = "0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string, string?, bool> GoodIdentifiers => new()
    {
        { "https://contoso.vault.azure.net/keys/k1", "https://contoso.vault.azure.net/", "k1", null, false },
        { $"https://contoso.vault.azure.net/keys/k1/{Version}", "https://contoso.vault.azure.net/", "k1", Version, false },
        { $"https://contoso.vault.azure.net/keys/k1/{Version.ToUpperInvariant()}", "https://contoso.vault.azure.net/", "k1", Version, false },
        { "https://contoso.vault.azure.net/keys/k1/", "https://contoso.vault.azure.net/", "k1", null, false },
        { "https://contoso.vault.azure.net:443/keys/k1", "https://contoso.vault.azure.net/", "k1", null, false },
        { "https://contoso.vault.azure.cn/keys/k1", "https://contoso.vault.azure.cn/", "k1", null, false },
        { "https://contoso.vault.usgovcloudapi.net/keys/k1", "https://contoso.vault.usgovcloudapi.net/", "k1", null, false },
        { "https://contoso.vault.microsoftazure.de/keys/k1", "https://contoso.vault.microsoftazure.de/", "k1", null, false },
        { $"https://contoso.managedhsm.azure.net/keys/hsm-key/{Version}", "https://contoso.managedhsm.azure.net/", "hsm-key", Version, true },
        { "https://contoso.managedhsm.azure.cn/keys/k1", "https://contoso.managedhsm.azure.cn/", "k1", null, true },
        { "https://contoso.managedhsm.usgovcloudapi.net/keys/k1", "https://contoso.managedhsm.usgovcloudapi.net/", "k1", null, true },
        { $"https://127.0.0.1:8443/keys/k1/{Version}", "https://127.0.0.1:8443/", "k1", Version, false },
        { "https://localhost:5001/keys/k1", "https://localhost:5001/", "k1", null, false },
        { "https://127.0.0.2:5001/keys/k1", "https://127.0.0.2:5001/", "k1", null, false },
        { "https://[::1]:5001/keys/k1", "https://[::1]:5001/", "k1", null, false },
        { "https://CONTOSO.VAULT.AZURE.NET/KEYS/k1", "https://contoso.vault.azure.net/", "k1", null, false },
        { "https://contoso.vault.azure.net/keys/" + new string('a', 127), "https://contoso.vault.azure.net/", new string('a', 127), null, false },
    };

    public static TheoryData<string, string> BadIdentifiers => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "not a uri", "absolute URI" },
        { "/keys/k1", "scheme" },
        { "http://contoso.vault.azure.net/keys/k1", "scheme 'http'" },
        { "ftp://contoso.vault.azure.net/keys/k1", "scheme 'ftp'" },
        { "https://contoso.example.com/keys/k1", "host 'contoso.example.com'" },
        { "https://vault.azure.net/keys/k1", "host 'vault.azure.net'" },
        { "https://contoso.vault.azure.net.evil.com/keys/k1", "host" },
        { "https://a.b.vault.azure.net/keys/k1", "vault name 'a.b'" },
        { "https://1abc.vault.azure.net/keys/k1", "vault name '1abc'" },
        { "https://contoso.vault.azure.net", "path" },
        { "https://contoso.vault.azure.net/", "path" },
        { "https://contoso.vault.azure.net/keys", "path" },
        { "https://contoso.vault.azure.net/keys/", "path" },
        { $"https://contoso.vault.azure.net/keys/k1/{Version}/extra", "path" },
        { "https://contoso.vault.azure.net/keys//k1", "key name ''" },
        { "https://contoso.vault.azure.net/secrets/k1", "collection 'secrets'" },
        { "https://contoso.vault.azure.net/certificates/k1", "collection 'certificates'" },
        { "https://contoso.vault.azure.net/keys/k1?api-version=7.5", "query" },
        { "https://contoso.vault.azure.net/keys/k1#fragment", "fragment" },
        { "https://user@contoso.vault.azure.net/keys/k1", "user information" },
        { "https://contoso.vault.azure.net/keys/key_1", "key name 'key_1'" },
        { "https://contoso.vault.azure.net/keys/k%201", "key name 'k%201'" },
        { "https://contoso.vault.azure.net/keys/" + new string('a', 128), "key name" },
        { "https://contoso.vault.azure.net/keys/k1/123", "key version '123'" },
        { "https://contoso.vault.azure.net/keys/k1/0123456789abcdef0123456789abcdeg", "key version" },
        { "https://contoso.vault.azure.net/keys/k1/0123456789abcdef0123456789abcdef0", "key version" },
        { "https://192.168.1.10:8443/keys/k1", "host '192.168.1.10'" },
    };

    [Theory]
    [MemberData(nameof(GoodIdentifiers))]
    public void ParsesWellFormedKeyIdentifiers(string input, string vault, string name, string? version, bool managedHsm)
    {
        var identifier = KeyVaultKeyIdentifier.Parse(input);

        Assert.Equal(new Uri(vault), identifier.VaultUri);
        Assert.Equal(name, identifier.Name);
        Assert.Equal(version, identifier.Version);
        Assert.Equal(version is not null, identifier.IsVersioned);
        Assert.Equal(managedHsm, identifier.IsManagedHsm);
        Assert.Equal(new Uri(vault + "keys/" + name), identifier.VersionlessId);
        Assert.Equal(version is null ? identifier.VersionlessId : new Uri($"{vault}keys/{name}/{version}"), identifier.Id);
        Assert.Equal(identifier.Id.ToString(), identifier.ToString());
    }

    [Theory]
    [MemberData(nameof(BadIdentifiers))]
    public void RejectsMalformedKeyIdentifiersSayingWhy(string input, string reason)
    {
        var accepted = KeyVaultKeyIdentifier.TryCreate(input, out var identifier, out var error);

        Assert.False(accepted);
        Assert.Equal(default, identifier);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadIdentifiers))]
    public void ParseThrowsFormatExceptionForMalformedKeyIdentifiers(string input, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => KeyVaultKeyIdentifier.Parse(input));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstructorThrowsArgumentExceptionNamingTheProblem()
    {
        var exception = Assert.Throws<ArgumentException>(() => new KeyVaultKeyIdentifier(new Uri("https://contoso.vault.azure.net/secrets/k1")));

        Assert.Equal("id", exception.ParamName);
        Assert.Contains("collection 'secrets' is not 'keys'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstructorThrowsArgumentNullExceptionForNull()
    {
        Assert.Throws<ArgumentNullException>(() => new KeyVaultKeyIdentifier(null!));
    }

    [Fact]
    public void ConstructorRejectsRelativeUri()
    {
        Assert.Throws<ArgumentException>(() => new KeyVaultKeyIdentifier(new Uri("/keys/k1", UriKind.Relative)));
    }

    [Fact]
    public void TryCreateRejectsNull()
    {
        Assert.False(KeyVaultKeyIdentifier.TryCreate((string?)null, out _));
        Assert.False(KeyVaultKeyIdentifier.TryCreate((Uri?)null, out _));
    }

    [Fact]
    public void ParseThrowsArgumentNullExceptionForNull()
    {
        Assert.Throws<ArgumentNullException>(() => KeyVaultKeyIdentifier.Parse(null!));
    }

    [Fact]
    public void WithVersionPinsAVersionlessKey()
    {
        var versionless = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/k1");

        var pinned = versionless.WithVersion(Version.ToUpperInvariant());

        Assert.Equal(new Uri($"https://contoso.vault.azure.net/keys/k1/{Version}"), pinned.Id);
        Assert.Equal(versionless.VersionlessId, pinned.VersionlessId);
    }

    [Fact]
    public void WithVersionRejectsAMalformedVersion()
    {
        var versionless = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/k1");

        Assert.Throws<ArgumentException>(() => versionless.WithVersion("latest"));
    }

    [Fact]
    public void IdentifiersCompareKeyNamesCaseInsensitively()
    {
        var lower = KeyVaultKeyIdentifier.Parse($"https://contoso.vault.azure.net/keys/key-one/{Version}");
        var upper = KeyVaultKeyIdentifier.Parse($"https://CONTOSO.vault.azure.net/keys/KEY-ONE/{Version.ToUpperInvariant()}");

        Assert.Equal(lower, upper);
        Assert.True(lower == upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
    }

    [Fact]
    public void VersionedAndVersionlessIdentifiersDiffer()
    {
        var versionless = KeyVaultKeyIdentifier.Parse("https://contoso.vault.azure.net/keys/k1");
        var versioned = versionless.WithVersion(Version);

        Assert.NotEqual(versionless, versioned);
        Assert.True(versionless != versioned);
    }

    [Fact]
    public void IdentifiersOnDifferentLocalVaultPortsDiffer()
    {
        var first = KeyVaultKeyIdentifier.Parse("https://127.0.0.1:8443/keys/k1");
        var second = KeyVaultKeyIdentifier.Parse("https://127.0.0.1:8444/keys/k1");

        Assert.NotEqual(first, second);
    }
}
