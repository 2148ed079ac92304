using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class GetKeyTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task GetKeyReturnsThePublicKeyAttributesAndTags()
    {
        var name = LocalVaults.UniqueKeyName("get");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name, size: 3072, tags: new Dictionary<string, string> { ["owner"] = "tests" });

        var key = await fixture.Client(LocalVaults.Demo).GetKeyAsync(name);

        Assert.Equal(kid, key.Id);
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(3072, key.KeySize);
        Assert.Null(key.Curve);
        Assert.Equal([0x01, 0x00, 0x01], key.E.ToArray());
        Assert.Contains("wrapKey", key.KeyOperations);
        Assert.Contains("unwrapKey", key.KeyOperations);
        Assert.True(key.Properties.Enabled);
        Assert.Null(key.Properties.ExpiresOn);
        Assert.InRange(key.Properties.CreatedOn!.Value, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(key.Properties.CreatedOn, key.Properties.UpdatedOn);
        Assert.Equal("Recoverable", key.Properties.RecoveryLevel);
        Assert.Equal(90, key.Properties.RecoverableDays);
        Assert.Equal("tests", key.Properties.Tags["owner"]);
    }

    [Fact]
    public async Task GetKeyOfAnEcKeyShowsItsTypeAndCurveAndNoRsaSize()
    {
        var name = LocalVaults.UniqueKeyName("ec");
        var kid = await fixture.Admin.CreateEcKeyAsync(LocalVaults.Demo, name, curve: "P-384");

        var key = await fixture.Client(LocalVaults.Demo).GetKeyAsync(name);

        Assert.Equal(kid, key.Id);
        Assert.Equal("EC", key.KeyType);
        Assert.Equal("P-384", key.Curve);
        Assert.Null(key.KeySize);
        Assert.True(key.N.IsEmpty);
        Assert.Equal(["sign", "verify"], key.KeyOperations);
    }

    [Fact]
    public async Task GetKeyOfAVersionReturnsThatVersion()
    {
        var name = LocalVaults.UniqueKeyName("getversion");
        var first = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        await fixture.Admin.RotateKeyAsync(LocalVaults.Demo, name);

        var key = await fixture.Client(LocalVaults.Demo).GetKeyAsync(name, first.Version);

        Assert.Equal(first, key.Id);
    }

    [Fact]
    public async Task VaultWithShortRetentionAndNoPurgeProtectionReportsCustomizedRecoverablePurgeable()
    {
        var name = LocalVaults.UniqueKeyName("level");
        await fixture.Admin.CreateKeyAsync(LocalVaults.NoPurge, name);

        var key = await fixture.Client(LocalVaults.NoPurge).GetKeyAsync(name);

        Assert.Equal("CustomizedRecoverable+Purgeable", key.Properties.RecoveryLevel);
        Assert.Equal(7, key.Properties.RecoverableDays);
    }

    [Fact]
    public async Task KeyVersionsAreListedPageByPageFollowingNextLink()
    {
        var name = LocalVaults.UniqueKeyName("versions");
        List<string> created = [(await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name)).ToString()];
        for (var rotation = 0; rotation < 4; rotation++)
        {
            created.Add((await fixture.Admin.RotateKeyAsync(LocalVaults.Demo, name)).ToString());
        }

        var pages = new List<IReadOnlyList<KeyProperties>>();
        await foreach (var page in fixture.Client(LocalVaults.Demo).GetKeyVersionsAsync(name).AsPages(pageSizeHint: 2))
        {
            pages.Add(page.Values);
        }

        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(created.Order(), pages.SelectMany(page => page).Select(version => version.Id.ToString()).Order());
    }

    [Fact]
    public async Task KeyVersionsEnumerateEveryVersionWithoutAPageSize()
    {
        var name = LocalVaults.UniqueKeyName("allversions");
        var first = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var second = await fixture.Admin.RotateKeyAsync(LocalVaults.Demo, name);

        var versions = new List<KeyProperties>();
        await foreach (var version in fixture.Client(LocalVaults.Demo).GetKeyVersionsAsync(name))
        {
            versions.Add(version);
        }

        Assert.Equal(new[] { first, second }.Select(id => id.ToString()).Order(), versions.Select(version => version.Id.ToString()).Order());
        Assert.All(versions, version => Assert.True(version.Enabled));
    }
}
