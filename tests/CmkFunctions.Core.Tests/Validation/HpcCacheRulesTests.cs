using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class HpcCacheRulesTests
{
    private const string Kind = "hpc-cache";

    [Fact]
    public void HpcCacheUsesSystemAssignedIdentityWhenNoneGiven()
    {
        var validation = CreateRequestValidator.Validate(Create(Kind));

        Assert.True(validation.IsValid);
        Assert.Equal(IdentityType.SystemAssigned, validation.Resource.Encryption.Identity?.Type);
    }

    [Fact]
    public void HpcCacheAcceptsUserAssignedIdentity()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("user", ClientId) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.True(validation.IsValid);
        Assert.Equal(new ManagedIdentity(IdentityType.UserAssigned, ClientId), validation.Resource.Encryption.Identity);
    }

    [Fact]
    public void HpcCacheWaitsForKeyWhenIdentityLacksAccess()
    {
        var facts = new ObservedFacts(Vault(), Key: null, AccessFacts.None);

        var validation = CreateFactsValidator.Validate(Resource(Kind), facts, Now);

        Assert.Empty(validation.Violations);
        Assert.Equal(FactsDecision.WaitForKeyAuthorization, validation.Decision);
    }

    [Fact]
    public void HpcCacheProceedsOnceIdentityHasAccess()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind), Now);

        Assert.Empty(validation.Violations);
        Assert.Equal(FactsDecision.Proceed, validation.Decision);
    }

    [Fact]
    public void HpcCacheRejectsRatherThanWaitsWhenTheVaultBreaksItsRules()
    {
        var facts = new ObservedFacts(Vault(purgeProtection: false), Key: null, AccessFacts.None);

        var validation = CreateFactsValidator.Validate(Resource(Kind), facts, Now);

        Assert.Equal(["hpc-cache.vault-purge-protection"], validation.Violations.Codes());
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void HpcCacheAuthorizationFailsFor90MinutesAfterCreation()
    {
        Assert.True(ResourceKinds.HpcCache.HasAuthorizationStep);
        Assert.Equal(TimeSpan.FromMinutes(90), ResourceKinds.HpcCache.AuthorizationWindow);
    }

    [Fact]
    public void HpcCacheRequiresVaultInSameRegion()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(region: "westus")), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.vault-region", violation.Code);
        Assert.Equal(
            "HPC Cache needs the key vault in the same region as the cache; vault 'contoso' is in 'westus', the cache in 'eastus'. Use a key vault in 'eastus'.",
            violation.Detail);
    }

    [Fact]
    public void HpcCacheTreatsRegionDisplayNameAsTheSameRegion()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(region: "East US")), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void HpcCacheRequiresVaultInSameSubscription()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(subscription: OtherSubscription)), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.vault-subscription", violation.Code);
        Assert.Contains(OtherSubscription, violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void HpcCacheRequiresSoftDeleteAndPurgeProtectionAtCreation()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(softDelete: false, purgeProtection: false)), Now);

        Assert.Equal(["hpc-cache.vault-soft-delete", "hpc-cache.vault-purge-protection"], validation.Violations.Codes());
    }

    [Fact]
    public void HpcCacheRejectsRsa3072Key()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(3072)), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.key-size", violation.Code);
        Assert.Equal("HPC Cache accepts only RSA 2048-bit keys; key 'k1' is RSA 3072-bit. Create an RSA 2048 key.", violation.Detail);
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void HpcCacheRejectsRsaHsmKey()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(2048, "RSA-HSM")), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.key-type", violation.Code);
        Assert.Equal("HPC Cache accepts only RSA keys; key 'k1' is RSA-HSM. Create an RSA key.", violation.Detail);
    }

    [Fact]
    public void HpcCacheRequiresAnEnabledKey()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(2048) with { Enabled = false }), Now);

        Assert.Equal([RuleCodes.KeyDisabled], validation.Violations.Codes());
    }

    [Fact]
    public void HpcCacheAcceptsVersionlessKeyToAlwaysUseCurrentVersion()
    {
        var request = Create(Kind).WithEncryption(e => e with { KeyUri = KeyUri(version: null) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.True(validation.IsValid);
        Assert.False(validation.Resource.Encryption.KeyId?.IsVersioned);
    }

    [Theory]
    [InlineData("https://fabrikam.vault.azure.net/keys/k1/46ab702136bc4b229f8b10e8c2997fa4", OtherVaultResourceId)]
    [InlineData("https://contoso.vault.azure.net/keys/k2/46ab702136bc4b229f8b10e8c2997fa4", null)]
    [InlineData("https://contoso.vault.azure.net/keys/k1/0123456789abcdef0123456789abcdef", null)]
    [InlineData("https://contoso.vault.azure.net/keys/k1", null)]
    public void HpcCacheAllowsChangingVaultKeyOrVersion(string keyUri, string? vaultResourceId)
    {
        var change = new EncryptionChangeRequest(null, keyUri, null, vaultResourceId);

        var validation = EncryptionChangeValidator.Validate(Resource(Kind), change);

        Assert.Empty(validation.Violations);
        Assert.Equal(keyUri, validation.Encryption?.KeyId?.ToString());
    }

    [Fact]
    public void HpcCacheNeverSwitchesFromCmkToMmk()
    {
        var change = new EncryptionChangeRequest("Microsoft.Platform", null, null, null);

        var validation = EncryptionChangeValidator.Validate(Resource(Kind), change);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.key-source-change", violation.Code);
        Assert.Equal(
            "HPC Cache can't change from a customer-managed key (CMK) to a Microsoft-managed key (MMK) after the cache is created. Create a new cache with keySource 'Microsoft.Platform'.",
            violation.Detail);
    }

    [Fact]
    public void HpcCacheNeverSwitchesFromMmkToCmk()
    {
        var platform = Valid(Create(Kind).WithEncryption(_ => new("Microsoft.Platform", null, null, null)));
        var change = new EncryptionChangeRequest("Microsoft.KeyVault", KeyUri(), null, VaultResourceId);

        var validation = EncryptionChangeValidator.Validate(platform, change);

        Assert.Equal(["hpc-cache.key-source-change"], validation.Violations.Codes());
    }

    [Fact]
    public void HpcCacheRefusesIdentityChange()
    {
        var change = new EncryptionChangeRequest(null, null, new("user", ClientId), null);

        var validation = EncryptionChangeValidator.Validate(Resource(Kind), change);

        Assert.Equal(["hpc-cache.identity-change"], validation.Violations.Codes());
    }

    [Fact]
    public void HpcCacheEncryptsAllCacheDisks()
    {
        var resource = Resource(Kind);

        Assert.All(resource.Disks, disk => Assert.Equal(KeySource.KeyVault, resource.KeySourceOf(disk).KeySource));
    }

    [Fact]
    public void HpcCacheKeyChangeNeedsAccessToTheNewKey()
    {
        var resource = Resource(Kind);
        var next = EncryptionChangeValidator.Validate(resource, new(null, KeyUri("k2"), null, null)).Encryption!;

        var validation = EncryptionChangeFactsValidator.Validate(resource, next, Facts(Kind, key: Key(2048, name: "k2"), access: new(true, false, false)), currentKeyAccess: null, Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hpc-cache.key-access", violation.Code);
        Assert.Contains("it lacks Wrap Key and Unwrap Key", violation.Detail, StringComparison.Ordinal);
    }
}
