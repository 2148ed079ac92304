using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class HdInsightRulesTests
{
    private const string Kind = "hdinsight";

    [Fact]
    public void HdInsightRequiresUserAssignedIdentity()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("system", null) });

        var validation = CreateRequestValidator.Validate(request);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hdinsight.identity-type", violation.Code);
        Assert.Equal(
            "HDInsight supports only user-assigned managed identities; identity type 'system' is not allowed. Use a user-assigned identity.",
            violation.Detail);
    }

    [Fact]
    public void HdInsightRequiresAnIdentityForCustomerManagedKeys()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = null });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(["hdinsight.identity-required"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightRequiresIdentityAccessBeforeCreation()
    {
        var facts = Facts(Kind, access: new(CanGet: true, CanWrap: false, CanUnwrap: true));

        var validation = CreateFactsValidator.Validate(Resource(Kind), facts, Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hdinsight.key-access", violation.Code);
        Assert.Equal(
            $"HDInsight needs its user-assigned identity '{ClientId}' to have Get, Wrap Key and Unwrap Key on key 'k1'; it lacks Wrap Key. Grant them in the vault's access policy or with the Key Vault Crypto Service Encryption User role.",
            violation.Detail);
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void HdInsightAcceptsVaultInAnyRegionAndSubscription()
    {
        var facts = Facts(Kind, vault: Vault(region: "westeurope", subscription: OtherSubscription, purgeProtection: false));

        var validation = CreateFactsValidator.Validate(Resource(Kind), facts, Now);

        Assert.Empty(validation.Violations);
        Assert.Equal(FactsDecision.Proceed, validation.Decision);
    }

    [Fact]
    public void HdInsightRequiresSoftDelete()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(softDelete: false)), Now);

        Assert.Equal(["hdinsight.vault-soft-delete"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightRequiresVersionedKeyAtCreation()
    {
        var request = Create(Kind).WithEncryption(e => e with { KeyUri = KeyUri(version: null) });

        var validation = CreateRequestValidator.Validate(request);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hdinsight.versioned-key-required", violation.Code);
        Assert.StartsWith("HDInsight needs the full key identifier including the key version; key URI 'https://contoso.vault.azure.net/keys/k1' has no version.", violation.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void HdInsightAcceptsRsaKeysOfEverySize(int size)
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(size)), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void HdInsightAllowsChangingTheKeyUrl()
    {
        var change = new EncryptionChangeRequest(null, KeyUri("k2", OtherVersion, "fabrikam"), null, OtherVaultResourceId);

        var validation = EncryptionChangeValidator.Validate(Resource(Kind), change);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void HdInsightKeyChangeKeepsRequiringAVersionedKey()
    {
        var change = new EncryptionChangeRequest(null, KeyUri("k2", version: null), null, null);

        var validation = EncryptionChangeValidator.Validate(Resource(Kind), change);

        Assert.Equal(["hdinsight.versioned-key-required"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightKeyChangeNeedsAccessToOldAndNewKey()
    {
        var resource = Resource(Kind);
        var next = EncryptionChangeValidator.Validate(resource, new(null, KeyUri("k2", OtherVersion), null, null)).Encryption!;
        var newKeyFacts = Facts(Kind, key: Key(name: "k2", version: OtherVersion), access: new(true, true, false));

        var validation = EncryptionChangeFactsValidator.Validate(resource, next, newKeyFacts, currentKeyAccess: AccessFacts.None, Now);

        Assert.Equal(["hdinsight.key-access", "hdinsight.current-key-access"], validation.Violations.Codes());
        Assert.Contains("on the current key 'k1'; it lacks Get, Wrap Key and Unwrap Key", validation.Violations[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void HdInsightKeyChangeProceedsWithAccessToOldAndNewKey()
    {
        var resource = Resource(Kind);
        var next = EncryptionChangeValidator.Validate(resource, new(null, KeyUri("k2", OtherVersion), null, null)).Encryption!;

        var validation = EncryptionChangeFactsValidator.Validate(resource, next, Facts(Kind, key: Key(name: "k2", version: OtherVersion)), AccessFacts.Full, Now);

        Assert.Equal(FactsDecision.Proceed, validation.Decision);
    }

    [Fact]
    public void HdInsightNeverRemovesCmk()
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new("Microsoft.Platform", null, null, null));

        Assert.Equal(["hdinsight.key-source-change"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightNeverAddsCmkToAnExistingCluster()
    {
        var platform = Valid(Create(Kind).WithEncryption(e => e with { KeySource = "Microsoft.Platform", KeyUri = null, KeyVaultResourceId = null }));

        var validation = EncryptionChangeValidator.Validate(platform, new("Microsoft.KeyVault", KeyUri(), null, VaultResourceId));

        Assert.Equal(["hdinsight.key-source-change"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightNeverEncryptsOsDisksWithCmk()
    {
        var resource = Resource(Kind);

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Os));

        Assert.Equal(KeySource.Platform, decision.KeySource);
        Assert.Contains("OS disks are not encrypted with customer-managed keys", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HdInsightTempDisksTakeCmk()
    {
        var resource = Valid(Create(Kind).WithProperties(("clusterType", "spark")));

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Temp));

        Assert.Equal(KeySource.KeyVault, decision.KeySource);
    }

    [Theory]
    [InlineData("kafka", null, KeySource.KeyVault)]
    [InlineData("hbase", "true", KeySource.KeyVault)]
    [InlineData("hbase", "false", KeySource.Platform)]
    [InlineData("hbase", null, KeySource.Platform)]
    [InlineData("spark", null, KeySource.Platform)]
    [InlineData("interactive", null, KeySource.Platform)]
    [InlineData("hadoop", null, KeySource.Platform)]
    public void HdInsightDataDisksTakeCmkOnlyForKafkaOrHBaseWithAcceleratedWrites(string clusterType, string? acceleratedWrites, KeySource expected)
    {
        var properties = acceleratedWrites is null
            ? new[] { ("clusterType", clusterType) }
            : [("clusterType", clusterType), ("acceleratedWrites", acceleratedWrites)];
        var resource = Valid(Create(Kind).WithProperties(properties));

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Data));

        Assert.Equal(expected, decision.KeySource);
        if (expected == KeySource.Platform)
        {
            Assert.Equal("HDInsight encrypts data disks with customer-managed keys only for Kafka clusters and HBase clusters with accelerated writes.", decision.Reason);
        }
    }

    [Fact]
    public void HdInsightRequiresClusterType()
    {
        var request = Create(Kind) with { Properties = null };

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(["hdinsight.property-required"], validation.Violations.Codes());
    }

    [Fact]
    public void HdInsightAcceleratedWritesAppliesOnlyToHBase()
    {
        var request = Create(Kind).WithProperties(("clusterType", "spark"), ("acceleratedWrites", "true"));

        var validation = CreateRequestValidator.Validate(request);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hdinsight.property-not-applicable", violation.Code);
        Assert.Equal(
            "HDInsight uses property 'acceleratedWrites' only when clusterType is 'hbase'; clusterType is 'spark'. Remove 'acceleratedWrites' or set clusterType to 'hbase'.",
            violation.Detail);
    }

    [Fact]
    public void HdInsightRejectsUnknownClusterType()
    {
        var validation = CreateRequestValidator.Validate(Create(Kind).WithProperties(("clusterType", "storm")));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("hdinsight.property-value", violation.Code);
        Assert.Equal("HDInsight property 'clusterType' is 'storm'; use 'kafka', 'hbase', 'spark', 'interactive' or 'hadoop'.", violation.Detail);
    }

    [Fact]
    public void HdInsightScaleUpDisksUseTheSameKey()
    {
        var resource = Resource(Kind);

        var validation = CreateRequestValidator.ValidateAddedDisks(resource, [Disk("temp1", "temp"), Disk("data1", "data")]);

        Assert.True(validation.IsValid);
        Assert.All(validation.Disks, disk => Assert.Equal(KeySource.KeyVault, resource.KeySourceOf(disk).KeySource));
    }

    [Fact]
    public void HdInsightScaleUpRejectsADiskNameAlreadyInUse()
    {
        var validation = CreateRequestValidator.ValidateAddedDisks(Resource(Kind), [Disk("TEMP0", "temp")]);

        Assert.Equal([RuleCodes.DiskNameDuplicate], validation.Violations.Codes());
        Assert.Empty(validation.Disks);
    }
}
