using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class VmwareRulesTests
{
    private const string Kind = "vmware";

    [Fact]
    public void VmwareRequiresSystemAssignedIdentity()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("user", ClientId) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(["vmware.identity-type"], validation.Violations.Codes());
    }

    [Fact]
    public void VmwareUsesSystemAssignedIdentityWhenNoneGiven()
    {
        var resource = Valid(Create(Kind).WithEncryption(e => e with { Identity = null }));

        Assert.Equal(IdentityType.SystemAssigned, resource.Encryption.Identity?.Type);
    }

    [Fact]
    public void VmwareRequiresAccessGrantedBeforeEnablingCmk()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, access: AccessFacts.None), Now);

        Assert.Equal(["vmware.key-access"], validation.Violations.Codes());
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void VmwareRequiresVaultInSameRegion()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(region: "westus")), Now);

        Assert.Equal(["vmware.vault-region"], validation.Violations.Codes());
    }

    [Fact]
    public void VmwareAcceptsVaultInAnotherSubscription()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(subscription: OtherSubscription)), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void VmwareRequiresSoftDeleteAndPurgeProtection()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(softDelete: false, purgeProtection: false)), Now);

        Assert.Equal(["vmware.vault-soft-delete", "vmware.vault-purge-protection"], validation.Violations.Codes());
    }

    [Theory]
    [InlineData("RSA", 2048)]
    [InlineData("RSA", 3072)]
    [InlineData("RSA", 4096)]
    [InlineData("RSA-HSM", 2048)]
    [InlineData("RSA-HSM", 3072)]
    [InlineData("RSA-HSM", 4096)]
    public void VmwareAcceptsRsaAndRsaHsmKeysOf2048To4096Bits(string kty, int size)
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(size, kty)), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void VmwareRejectsRsa1024Key()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(1024)), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("vmware.key-size", violation.Code);
        Assert.Equal(
            "Azure VMware Solution accepts RSA or RSA-HSM keys of 2048, 3072 or 4096 bits; key 'k1' is RSA 1024-bit. Create a key of one of those sizes.",
            violation.Detail);
    }

    [Fact]
    public void VmwareAcceptsVersionlessKeyAndFollowsLatest()
    {
        var resource = Resource(Kind);

        Assert.False(resource.Encryption.KeyId?.IsVersioned);
        Assert.Equal(new Uri("https://contoso.vault.azure.net/keys/k1"), resource.Encryption.KeyId?.Id);
    }

    [Fact]
    public void VmwareAcceptsVersionedKeyAndPinsIt()
    {
        var resource = Valid(Create(Kind).WithEncryption(e => e with { KeyUri = KeyUri() }));

        Assert.Equal(KeyVersion, resource.Encryption.KeyId?.Version);
    }

    [Fact]
    public void VmwareAllowsSwitchingBetweenVersionlessAndVersionedKey()
    {
        var pin = EncryptionChangeValidator.Validate(Resource(Kind), new(null, KeyUri(), null, null));

        Assert.Empty(pin.Violations);
        Assert.True(pin.Encryption?.KeyId?.IsVersioned);
    }

    [Fact]
    public void VmwareSwitchesFromCmkToMmkWithoutInterruption()
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new("Microsoft.Platform", null, null, null));

        Assert.Empty(validation.Violations);
        Assert.Empty(validation.Warnings);
        Assert.Equal(KeySource.Platform, validation.Encryption?.KeySource);
    }

    [Fact]
    public void VmwareSwitchesFromMmkToCmkWithoutInterruption()
    {
        var platform = Valid(Create(Kind).WithEncryption(e => e with { KeySource = "Microsoft.Platform", KeyUri = null, KeyVaultResourceId = null }));

        var validation = EncryptionChangeValidator.Validate(platform, new("Microsoft.KeyVault", KeyUri(version: null), null, VaultResourceId));

        Assert.Empty(validation.Violations);
        Assert.Empty(validation.Warnings);
        Assert.Equal(KeySource.KeyVault, validation.Encryption?.KeySource);
        Assert.Equal(IdentityType.SystemAssigned, validation.Encryption?.Identity?.Type);
    }

    [Fact]
    public void VmwareEncryptsAllVsanDisks()
    {
        var resource = Resource(Kind);

        Assert.All(resource.Disks, disk => Assert.Equal(KeySource.KeyVault, resource.KeySourceOf(disk).KeySource));
    }

    [Fact]
    public void VmwareHasNoOsDisks()
    {
        var validation = CreateRequestValidator.Validate(Create(Kind).WithDisks(Disk("os0", "os")));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("vmware.disk-kind", violation.Code);
        Assert.Equal("Azure VMware Solution has no 'os' disks (disk 'os0'); use 'data'.", violation.Detail);
    }
}
