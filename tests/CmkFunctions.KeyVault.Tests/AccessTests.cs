using System.Security.Cryptography;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class AccessTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task RemovedAccessPolicyDeniesUnwrapUntilItIsAddedBack()
    {
        var name = LocalVaults.UniqueKeyName("access");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync(LocalVaults.UniqueKeyName("reader"));
        await fixture.Admin.AddAccessPolicyAsync(LocalVaults.Demo, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var client = fixture.Client(LocalVaults.Demo, AzureCredentials.ForClientId(identity.ClientId));
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, resourceKey);

        await fixture.Admin.RemoveAccessPolicyAsync(LocalVaults.Demo, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var denied = await Assert.ThrowsAsync<KeyVaultAccessDeniedException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));
        await fixture.Admin.AddAccessPolicyAsync(LocalVaults.Demo, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var unwrapped = await client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey);

        Assert.Equal(403, denied.Status);
        Assert.Equal("Forbidden", denied.ErrorCode);
        Assert.Equal("ForbiddenByPolicy", denied.InnerErrorCode);
        Assert.Equal(resourceKey, unwrapped.Key);
    }

    [Fact]
    public async Task IdentityWithoutUnwrapPermissionIsDenied()
    {
        var name = LocalVaults.UniqueKeyName("wraponly");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync(LocalVaults.UniqueKeyName("wrapper"));
        await fixture.Admin.AddAccessPolicyAsync(LocalVaults.Demo, identity.PrincipalId, "get", "wrapKey");
        var client = fixture.Client(LocalVaults.Demo, AzureCredentials.ForClientId(identity.ClientId));
        var wrapped = await client.WrapKeyAsync(name, kid.Version, RandomNumberGenerator.GetBytes(32));

        var denied = await Assert.ThrowsAsync<KeyVaultAccessDeniedException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));

        Assert.Equal("ForbiddenByPolicy", denied.InnerErrorCode);
    }

    [Fact]
    public async Task RbacVaultDeniesByRbacUntilARoleIsAssignedOnTheKey()
    {
        var name = LocalVaults.UniqueKeyName("rbac");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Rbac, name);
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync(LocalVaults.UniqueKeyName("rbacuser"));
        await fixture.Admin.AddAccessPolicyAsync(LocalVaults.Rbac, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var client = fixture.Client(LocalVaults.Rbac, AzureCredentials.ForClientId(identity.ClientId));
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var denied = await Assert.ThrowsAsync<KeyVaultAccessDeniedException>(() => client.WrapKeyAsync(name, kid.Version, resourceKey));
        var assignment = await fixture.Admin.AssignRoleAsync(LocalVaults.Rbac, KeyVaultRoles.CryptoServiceEncryptionUser, identity.PrincipalId, name);
        var wrapped = await client.WrapKeyAsync(name, kid.Version, resourceKey);
        var unwrapped = await client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey);
        await fixture.Admin.RemoveRoleAssignmentAsync(assignment);
        var deniedAgain = await Assert.ThrowsAsync<KeyVaultAccessDeniedException>(
            () => client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey));

        Assert.Equal(403, denied.Status);
        Assert.Equal("Forbidden", denied.ErrorCode);
        Assert.Equal("ForbiddenByRbac", denied.InnerErrorCode);
        Assert.Equal(resourceKey, unwrapped.Key);
        Assert.Equal("ForbiddenByRbac", deniedAgain.InnerErrorCode);
    }

    [Fact]
    public async Task RoleOnTheVaultCoversEveryKeyOfIt()
    {
        var first = LocalVaults.UniqueKeyName("rbacfirst");
        var second = LocalVaults.UniqueKeyName("rbacsecond");
        await fixture.Admin.CreateKeyAsync(LocalVaults.Rbac, first);
        await fixture.Admin.CreateKeyAsync(LocalVaults.Rbac, second);
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync(LocalVaults.UniqueKeyName("rbacvault"));
        await fixture.Admin.AssignRoleAsync(LocalVaults.Rbac, KeyVaultRoles.CryptoServiceEncryptionUser, identity.PrincipalId);
        var client = fixture.Client(LocalVaults.Rbac, AzureCredentials.ForClientId(identity.ClientId));

        var firstKey = await client.GetKeyAsync(first);
        var wrapped = await client.WrapKeyAsync(second, version: null, RandomNumberGenerator.GetBytes(32));

        Assert.Equal(first, firstKey.Id.Name);
        Assert.Equal(second, wrapped.KeyId.Name);
    }
}
