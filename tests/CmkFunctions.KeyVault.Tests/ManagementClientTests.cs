using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class ManagementClientTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task ManagementClientReadsAPurgeProtectedVaultsProperties()
    {
        var client = new KeyVaultManagementClient(fixture.KeyVault.ManagementUri, fixture.Credentials.Admin, fixture.CreateManagementClientOptions());

        var vault = await client.GetVaultAsync(fixture.KeyVault.VaultResourceId(LocalVaults.Demo));

        Assert.Equal(LocalVaults.Demo, vault.Name);
        Assert.Equal("eastus", vault.Location);
        Assert.Equal(fixture.KeyVault.SubscriptionId, vault.SubscriptionId);
        Assert.Equal(fixture.KeyVault.TenantId, vault.TenantId);
        Assert.True(vault.EnableSoftDelete);
        Assert.True(vault.EnablePurgeProtection);
        Assert.Equal(90, vault.SoftDeleteRetentionInDays);
        Assert.Equal(fixture.KeyVault.VaultUri(LocalVaults.Demo), vault.VaultUri);
        Assert.False(vault.EnableRbacAuthorization);
    }

    [Fact]
    public async Task ManagementClientReadsThatAVaultUsesAzureRbac()
    {
        var client = new KeyVaultManagementClient(fixture.KeyVault.ManagementUri, fixture.Credentials.Admin, fixture.CreateManagementClientOptions());

        var vault = await client.GetVaultAsync(fixture.KeyVault.VaultResourceId(LocalVaults.Rbac));

        Assert.True(vault.EnableRbacAuthorization);
    }

    [Fact]
    public async Task ManagementClientReadsThatAVaultLacksPurgeProtection()
    {
        var client = new KeyVaultManagementClient(fixture.KeyVault.ManagementUri, fixture.Credentials.Admin, fixture.CreateManagementClientOptions());

        var vault = await client.GetVaultAsync(fixture.KeyVault.VaultResourceId(LocalVaults.NoPurge));

        Assert.True(vault.EnableSoftDelete);
        Assert.False(vault.EnablePurgeProtection);
        Assert.Equal(7, vault.SoftDeleteRetentionInDays);
    }

    [Fact]
    public async Task ManagementClientReadsTheRegionOfAVaultElsewhere()
    {
        var client = new KeyVaultManagementClient(fixture.KeyVault.ManagementUri, fixture.Credentials.Admin, fixture.CreateManagementClientOptions());

        var vault = await client.GetVaultAsync(fixture.KeyVault.VaultResourceId("cmkwest"));

        Assert.Equal("westus", vault.Location);
    }

    [Fact]
    public async Task IdentityWithoutManagementRightsIsDeniedVaultProperties()
    {
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync(LocalVaults.UniqueKeyName("nomanage"));
        var client = new KeyVaultManagementClient(fixture.KeyVault.ManagementUri, AzureCredentials.ForClientId(identity.ClientId), fixture.CreateManagementClientOptions());

        var denied = await Assert.ThrowsAsync<KeyVaultAccessDeniedException>(
            () => client.GetVaultAsync(fixture.KeyVault.VaultResourceId(LocalVaults.Demo)));

        Assert.Equal("AuthorizationFailed", denied.ErrorCode);
    }
}
