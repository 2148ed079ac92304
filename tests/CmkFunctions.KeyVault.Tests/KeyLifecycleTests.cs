using System.Security.Cryptography;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class KeyLifecycleTests(IntegrationFixture fixture)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PurgedKeyIsNotFound()
    {
        var name = LocalVaults.UniqueKeyName("purged");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.NoPurge, name);
        var client = fixture.Client(LocalVaults.NoPurge);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, RandomNumberGenerator.GetBytes(32));

        await fixture.Admin.DeleteKeyAsync(LocalVaults.NoPurge, name);
        await fixture.Admin.PurgeDeletedKeyAsync(LocalVaults.NoPurge, name);
        var notFound = await Assert.ThrowsAsync<KeyVaultKeyNotFoundException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));

        Assert.Equal(404, notFound.Status);
        Assert.Equal("KeyNotFound", notFound.ErrorCode);
        await Assert.ThrowsAsync<KeyVaultKeyNotFoundException>(() => client.GetKeyAsync(name));
    }

    [Fact]
    public async Task SoftDeletedKeyIsNotFoundUntilRecoveredThenUnwrapsAgain()
    {
        var name = LocalVaults.UniqueKeyName("recover");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, resourceKey);

        await fixture.Admin.DeleteKeyAsync(LocalVaults.Demo, name);
        await Assert.ThrowsAsync<KeyVaultKeyNotFoundException>(() => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));
        await fixture.Admin.RecoverDeletedKeyAsync(LocalVaults.Demo, name);
        // Key Vault finishes a recovery in the background.
        var unwrapped = await Poll.UntilSucceedsAsync<UnwrapResult, KeyVaultKeyNotFoundException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey), RecoveryTimeout);

        Assert.Equal(resourceKey, unwrapped.Key);
    }

    [Fact]
    public async Task DisabledKeyRefusesUnwrapAsUnusable()
    {
        var name = LocalVaults.UniqueKeyName("disabled");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, RandomNumberGenerator.GetBytes(32));

        await fixture.Admin.UpdateKeyAsync(LocalVaults.Demo, name, kid.Version, enabled: false);
        var unusable = await Assert.ThrowsAsync<KeyVaultKeyUnusableException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));

        Assert.Equal(403, unusable.Status);
        Assert.Equal("KeyDisabled", unusable.InnerErrorCode);
    }

    [Fact]
    public async Task ExpiredKeyRefusesUnwrapAsUnusable()
    {
        var name = LocalVaults.UniqueKeyName("expired");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var client = fixture.Client(LocalVaults.Demo);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, RandomNumberGenerator.GetBytes(32));

        await fixture.Admin.UpdateKeyAsync(LocalVaults.Demo, name, kid.Version, expiresOn: DateTimeOffset.UtcNow.AddMinutes(-1));
        var unusable = await Assert.ThrowsAsync<KeyVaultKeyUnusableException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));

        Assert.Equal("KeyExpired", unusable.InnerErrorCode);
    }
}
