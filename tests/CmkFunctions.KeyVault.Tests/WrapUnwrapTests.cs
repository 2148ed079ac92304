using System.Security.Cryptography;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class WrapUnwrapTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task UnwrapReturnsTheKeyThatWasWrappedAndNamesTheVersionUsed()
    {
        var name = LocalVaults.UniqueKeyName("wrap");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync(name, kid.Version, resourceKey);
        var unwrapped = await client.UnwrapKeyAsync(name, wrapped.KeyId.Version, wrapped.EncryptedKey);

        Assert.Equal(kid, wrapped.KeyId);
        Assert.Equal(kid, unwrapped.KeyId);
        Assert.NotEqual(resourceKey, wrapped.EncryptedKey);
        Assert.Equal(resourceKey, unwrapped.Key);
    }

    [Fact]
    public async Task EcKeyRefusesToWrapAsABadRequestNotAsDeniedAccess()
    {
        var name = LocalVaults.UniqueKeyName("ecwrap");
        var kid = await fixture.Admin.CreateEcKeyAsync(LocalVaults.Demo, name);

        var refused = await Assert.ThrowsAsync<KeyVaultRequestException>(
            () => fixture.Client(LocalVaults.Demo).WrapKeyAsync(name, kid.Version, RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(400, refused.Status);
        Assert.Equal("BadParameter", refused.ErrorCode);
    }

    [Fact]
    public async Task RsaOaepWrapsAndUnwrapsToo()
    {
        var name = LocalVaults.UniqueKeyName("oaep");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = client.WrapKey(name, kid.Version, resourceKey, KeyWrapAlgorithm.RsaOaep);
        var unwrapped = client.UnwrapKey(name, kid.Version, wrapped.EncryptedKey, KeyWrapAlgorithm.RsaOaep);

        Assert.Equal(resourceKey, unwrapped.Key);
    }

    [Fact]
    public async Task VersionlessWrapUsesTheLatestVersionAndOlderVersionsStillUnwrap()
    {
        var name = LocalVaults.UniqueKeyName("latest");
        var first = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        var wrappedByFirst = await client.WrapKeyAsync(name, version: null, resourceKey);

        var second = await fixture.Admin.RotateKeyAsync(LocalVaults.Demo, name);
        var wrappedBySecond = await client.WrapKeyAsync(name, version: null, resourceKey);
        var unwrappedByFirst = await client.UnwrapKeyAsync(name, wrappedByFirst.KeyId.Version, wrappedByFirst.EncryptedKey);

        Assert.Equal(first, wrappedByFirst.KeyId);
        Assert.Equal(second, wrappedBySecond.KeyId);
        Assert.Equal(resourceKey, unwrappedByFirst.Key);
    }

    [Fact]
    public async Task ResolvedKeyIdWrapsAndUnwrapsThroughTheAzureCoreInterfaces()
    {
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, LocalVaults.UniqueKeyName("resolve"));
        IKeyEncryptionKeyResolver resolver = new KeyVaultKeyResolver(fixture.Credentials.Admin, fixture.CreateKeyVaultClientOptions());
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var key = await resolver.ResolveAsync(kid.ToString());
        var wrapped = await key.WrapKeyAsync(KeyWrapAlgorithmNames.RsaOaep256, resourceKey);
        var unwrapped = resolver.Resolve(kid.ToString()).UnwrapKey(KeyWrapAlgorithmNames.RsaOaep256, wrapped);

        Assert.Equal(kid.ToString(), key.KeyId);
        Assert.Equal(resourceKey, unwrapped);
    }

    [Fact]
    public async Task ResolverGivesKeysOfDifferentVaultsTheirOwnVault()
    {
        var demoKid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, LocalVaults.UniqueKeyName("multi"));
        var noPurgeKid = await fixture.Admin.CreateKeyAsync(LocalVaults.NoPurge, LocalVaults.UniqueKeyName("multi"));
        var resolver = new KeyVaultKeyResolver(fixture.Credentials.Admin, fixture.CreateKeyVaultClientOptions());
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var demoWrapped = await resolver.Resolve(demoKid).WrapKeyAsync(resourceKey);
        var noPurgeWrapped = await resolver.Resolve(noPurgeKid).WrapKeyAsync(resourceKey);

        Assert.Equal(demoKid, demoWrapped.KeyId);
        Assert.Equal(noPurgeKid, noPurgeWrapped.KeyId);
        Assert.Equal(resourceKey, (await resolver.Resolve(noPurgeKid).UnwrapKeyAsync(noPurgeWrapped.EncryptedKey)).Key);
    }
}
