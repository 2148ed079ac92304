using CmkFunctions.Core.Keys;

namespace CmkFunctions.Core.Tests.Keys;

public sealed class KeyVaultResourceIdTests
{
    [Theory]
    [InlineData("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso", "contoso", false)]
    [InlineData("/subscriptions/sub/resourcegroups/rg/providers/microsoft.keyvault/vaults/contoso/", "contoso", false)]
    [InlineData("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/hsm1", "hsm1", true)]
    public void ParsesVaultResourceIds(string id, string vaultName, bool managedHsm)
    {
        var parsed = KeyVaultResourceId.TryParse(id, out var resourceId, out _);

        Assert.True(parsed);
        Assert.Equal(new KeyVaultResourceId("sub", "rg", vaultName, managedHsm), resourceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/subscriptions/sub/resourceGroups/rg")]
    [InlineData("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa")]
    [InlineData("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso/keys/k1")]
    [InlineData("/subscriptions//resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso")]
    public void RejectsOtherResourceIds(string? id)
    {
        var parsed = KeyVaultResourceId.TryParse(id, out var resourceId, out var error);

        Assert.False(parsed);
        Assert.Null(resourceId);
        Assert.Contains("is not a key vault resource id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsAsTheArmResourceId()
    {
        var id = new KeyVaultResourceId("sub", "rg", "contoso", IsManagedHsm: false);

        Assert.Equal("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso", id.ToString());
    }
}
