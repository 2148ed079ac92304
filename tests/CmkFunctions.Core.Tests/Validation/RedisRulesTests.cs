using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class RedisRulesTests
{
    private const string Kind = "redis";

    [Fact]
    public void RedisRequiresUserAssignedIdentity()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("system", null) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(["redis.identity-type"], validation.Violations.Codes());
    }

    [Fact]
    public void RedisUserAssignedIdentityNeedsItsClientId()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("user", null) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal([RuleCodes.IdentityClientIdMissing], validation.Violations.Codes());
    }

    [Fact]
    public void RedisRequiresIdentityAccessBeforeCreation()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: null, access: AccessFacts.None) with { Key = null }, Now);

        Assert.Equal(["redis.key-access"], validation.Violations.Codes());
    }

    [Fact]
    public void RedisRequiresVaultInSameRegion()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(region: "northeurope")), Now);

        Assert.Equal(["redis.vault-region"], validation.Violations.Codes());
    }

    [Fact]
    public void RedisAcceptsVaultInAnotherSubscription()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(subscription: OtherSubscription)), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void RedisRequiresSoftDeleteAndPurgeProtection()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(softDelete: false, purgeProtection: false)), Now);

        Assert.Equal(["redis.vault-soft-delete", "redis.vault-purge-protection"], validation.Violations.Codes());
    }

    [Theory]
    [InlineData("RSA-HSM", 2048)]
    [InlineData("EC", null)]
    public void RedisAcceptsOnlyRsaKeys(string kty, int? size)
    {
        var key = Key() with { KeyType = kty, SizeInBits = size };

        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: key), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("redis.key-type", violation.Code);
        Assert.Equal($"Azure Managed Redis accepts only RSA keys; key 'k1' is {kty}. Create an RSA key.", violation.Detail);
    }

    [Theory]
    [InlineData("k2", KeyVersion)]
    [InlineData("k1", OtherVersion)]
    [InlineData("k1", null)]
    public void RedisAllowsChangingKeyOrVersion(string name, string? version)
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new(null, KeyUri(name, version), null, null));

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void RedisSwitchesFromCmkToMmkAsLongRunningMaintenance()
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new("Microsoft.Platform", null, null, null));

        Assert.Empty(validation.Violations);
        var warning = Assert.Single(validation.Warnings);
        Assert.Equal("redis.key-source-change-disruption", warning.Code);
        Assert.Contains("long-running maintenance operation", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisSwitchesFromMmkToCmkWithAUserAssignedIdentityAdded()
    {
        var platform = Valid(Create(Kind).WithEncryption(_ => new("Microsoft.Platform", null, null, null)));

        var validation = EncryptionChangeValidator.Validate(platform, new("Microsoft.KeyVault", KeyUri(), new("user", ClientId), VaultResourceId));

        Assert.Empty(validation.Violations);
        Assert.Equal(["redis.key-source-change-disruption"], validation.Warnings.Codes());
        Assert.Equal(new ManagedIdentity(IdentityType.UserAssigned, ClientId), validation.Encryption?.Identity);
    }

    [Fact]
    public void RedisSwitchToCmkNeedsAUserAssignedIdentity()
    {
        var platform = Valid(Create(Kind).WithEncryption(_ => new("Microsoft.Platform", null, null, null)));

        var validation = EncryptionChangeValidator.Validate(platform, new("Microsoft.KeyVault", KeyUri(), null, VaultResourceId));

        Assert.Equal(["redis.identity-required"], validation.Violations.Codes());
    }

    [Fact]
    public void RedisEncryptsOsAndPersistenceDisks()
    {
        var resource = Resource(Kind);

        Assert.All(resource.Disks, disk => Assert.Equal(KeySource.KeyVault, resource.KeySourceOf(disk).KeySource));
    }

    [Fact]
    public void RedisFlashDisksStayPlatformManaged()
    {
        var resource = Valid(Create(Kind).WithProperties(("tier", "FlashOptimized")).WithDisks(Disk("os0", "os"), Disk("nvme0", "flash")));

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Flash));

        Assert.Equal(KeySource.Platform, decision.KeySource);
        Assert.Equal("Azure Managed Redis supports only Microsoft-managed keys on NVMe flash disks, because their data is transient and ephemeral.", decision.Reason);
    }

    [Fact]
    public void RedisFlashDisksExistOnlyInTheFlashOptimizedTier()
    {
        var request = Create(Kind).WithDisks(Disk("nvme0", "flash"));

        var validation = CreateRequestValidator.Validate(request);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("redis.disk-kind-not-applicable", violation.Code);
        Assert.Equal(
            "Azure Managed Redis has 'flash' disks only when tier is 'FlashOptimized'; disk 'nvme0' is 'flash' and tier is 'Balanced'. Set tier to 'FlashOptimized' or remove disk 'nvme0'.",
            violation.Detail);
    }
}
