using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class CreateRequestValidatorTests
{
    public static TheoryData<string> Kinds => ["hpc-cache", "hdinsight", "vmware", "redis", "ml-workspace"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindAcceptsItsWellFormedRequest(string kind)
    {
        var validation = CreateRequestValidator.Validate(Create(kind));

        Assert.Empty(validation.Violations);
        Assert.Equal(kind, validation.Resource?.Kind.Name);
    }

    [Fact]
    public void AllViolationsAreReportedAtOnce()
    {
        var request = new CreateResourceRequest(
            Name: "bad name!",
            Kind: "hpc-cache",
            Region: "",
            SubscriptionId: null,
            Encryption: new("Microsoft.KeyVault", "http://contoso.vault.azure.net/keys/k1", new("robot", null), null),
            Disks: [Disk("d1", "data"), Disk("d1", "os"), Disk("d2", "tape"), Disk("d3", "data", sizeBytes: 0)],
            Properties: new Dictionary<string, string> { ["hbiWorkspace"] = "true" });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(
            [
                RuleCodes.NameInvalid,
                RuleCodes.RegionMissing,
                RuleCodes.SubscriptionMissing,
                RuleCodes.IdentityTypeUnknown,
                RuleCodes.KeyUriMalformed,
                RuleCodes.KeyVaultResourceIdMissing,
                "hpc-cache.property-unknown",
                RuleCodes.DiskNameDuplicate,
                "hpc-cache.disk-kind",
                RuleCodes.DiskKindUnknown,
                RuleCodes.DiskSize,
            ],
            validation.Violations.Codes());
        Assert.Null(validation.Resource);
    }

    [Fact]
    public void UnknownKindIsRejectedListingTheKinds()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware") with { Kind = "aks" });

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KindUnknown, violation.Code);
        Assert.Equal("Kind 'aks' is not supported; use one of 'hpc-cache', 'hdinsight', 'vmware', 'redis', 'ml-workspace'.", violation.Detail);
    }

    [Fact]
    public void UnknownKindStillReportsKindIndependentViolations()
    {
        var request = Create("vmware") with { Kind = "aks", Disks = [Disk("d1", "data", sizeBytes: -1)] };

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal([RuleCodes.KindUnknown, RuleCodes.DiskSize], validation.Violations.Codes());
    }

    [Fact]
    public void MissingKindIsRejectedListingTheKinds()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware") with { Kind = null });

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(new Violation(
            RuleCodes.KindMissing,
            "The request gives no kind; set kind to one of 'hpc-cache', 'hdinsight', 'vmware', 'redis', 'ml-workspace'.",
            "kind"), violation);
    }

    [Fact]
    public void ViolationsNameTheRequestMemberAtFault()
    {
        var request = new CreateResourceRequest(
            Name: "ok",
            Kind: "hpc-cache",
            Region: null,
            SubscriptionId: Subscription,
            Encryption: new("Microsoft.Storage", KeyUri(), null, VaultResourceId),
            Disks: [Disk("d0", "data"), new DiskRequest("d1", "tape", SizeBytes: 0, SourceUri: "not a uri")],
            Properties: new Dictionary<string, string> { ["hbiWorkspace"] = "true" });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(
            [
                (RuleCodes.RegionMissing, "region"),
                (RuleCodes.KeySourceUnknown, "encryption.keySource"),
                ("hpc-cache.property-unknown", "properties.hbiWorkspace"),
                (RuleCodes.DiskKindUnknown, "disks[1].kind"),
                (RuleCodes.DiskSize, "disks[1].sizeBytes"),
                (RuleCodes.DiskSourceUriMalformed, "disks[1].sourceUri"),
            ],
            validation.Violations.Select(violation => (violation.Code, violation.Target)));
    }

    [Fact]
    public void DiskMembersNotGivenAreEachReportedMissing()
    {
        var validation = CreateRequestValidator.Validate(Create("hpc-cache").WithDisks(new DiskRequest(null, null, null, null)));

        Assert.Equal(
            [
                (RuleCodes.DiskNameMissing, "disks[0].name"),
                (RuleCodes.DiskKindMissing, "disks[0].kind"),
                (RuleCodes.DiskSizeMissing, "disks[0].sizeBytes"),
            ],
            validation.Violations.Select(violation => (violation.Code, violation.Target)));
    }

    [Fact]
    public void IdentityWithoutATypeIsReportedMissing()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { Identity = new(null, null) }));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal((RuleCodes.IdentityTypeMissing, "encryption.identity.type"), (violation.Code, violation.Target));
    }

    [Fact]
    public void MalformedKeyUriIsRejectedSayingWhy()
    {
        var request = Create("vmware").WithEncryption(e => e with { KeyUri = "https://contoso.vault.azure.net/secrets/k1" });

        var validation = CreateRequestValidator.Validate(request);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeyUriMalformed, violation.Code);
        Assert.StartsWith(
            "Key URI 'https://contoso.vault.azure.net/secrets/k1' is not a Key Vault key identifier: collection 'secrets' is not 'keys'.",
            violation.Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public void CustomerManagedKeyNeedsAKeyUri()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { KeyUri = null }));

        Assert.Equal([RuleCodes.KeyUriMissing], validation.Violations.Codes());
    }

    [Fact]
    public void UnknownKeySourceIsRejected()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { KeySource = "Microsoft.Storage" }));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeySourceUnknown, violation.Code);
        Assert.Contains("'Microsoft.Storage'", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void KeySourceDefaultsToPlatformWithoutEncryptionSettings()
    {
        var resource = Valid(Create("hpc-cache") with { Encryption = null });

        Assert.Equal(EncryptionSettings.Platform(new ManagedIdentity(IdentityType.SystemAssigned, null)), resource.Encryption);
    }

    [Fact]
    public void KeySourceDefaultsToKeyVaultWhenAKeyUriIsGiven()
    {
        var resource = Valid(Create("vmware").WithEncryption(e => e with { KeySource = null }));

        Assert.Equal(KeySource.KeyVault, resource.Encryption.KeySource);
    }

    [Fact]
    public void PlatformManagedRequestMustNotNameAKey()
    {
        var validation = CreateRequestValidator.Validate(Create("redis").WithEncryption(e => e with { KeySource = "Microsoft.Platform" }));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.PlatformKeyWithKeyVaultSettings, violation.Code);
        Assert.Contains("Remove keyUri and keyVaultResourceId, or set keySource to 'Microsoft.KeyVault'.", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PlatformManagedRedisNeedsNoIdentity()
    {
        var resource = Valid(Create("redis").WithEncryption(_ => new("Microsoft.Platform", null, null, null)));

        Assert.Null(resource.Encryption.Identity);
    }

    [Fact]
    public void PlatformManagedRequestStillChecksTheIdentityTypeBecauseItCannotChangeLater()
    {
        var validation = CreateRequestValidator.Validate(Create("redis").WithEncryption(_ => new("Microsoft.Platform", null, new("system", null), null)));

        Assert.Equal(["redis.identity-type"], validation.Violations.Codes());
    }

    [Fact]
    public void PlatformManagedResourceDisksAllStayPlatformManaged()
    {
        var resource = Valid(Create("hpc-cache") with { Encryption = new("Microsoft.Platform", null, null, null) });

        Assert.All(resource.Disks, disk =>
        {
            var decision = resource.KeySourceOf(disk);
            Assert.Equal(KeySource.Platform, decision.KeySource);
            Assert.Equal("The cache uses Microsoft-managed keys.", decision.Reason);
        });
    }

    [Fact]
    public void CustomerManagedKeyNeedsTheKeyVaultResourceId()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { KeyVaultResourceId = null }));

        Assert.Equal([RuleCodes.KeyVaultResourceIdMissing], validation.Violations.Codes());
    }

    [Fact]
    public void KeyVaultResourceIdMustBeWellFormed()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { KeyVaultResourceId = "/subscriptions/x/vaults/contoso" }));

        Assert.Equal([RuleCodes.KeyVaultResourceIdMalformed], validation.Violations.Codes());
    }

    [Fact]
    public void KeyVaultResourceIdMustNameTheVaultThatHoldsTheKey()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithEncryption(e => e with { KeyVaultResourceId = OtherVaultResourceId }));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeyVaultMismatch, violation.Code);
        Assert.StartsWith("keyVaultResourceId names vault 'fabrikam' but key 'https://contoso.vault.azure.net/keys/k1' is in vault 'contoso.vault.azure.net'.", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalKeyVaultKeysAcceptAnyVaultResourceId()
    {
        var request = Create("vmware").WithEncryption(e => e with { KeyUri = "https://127.0.0.1:8443/keys/k1" });

        var validation = CreateRequestValidator.Validate(request);

        Assert.True(validation.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-hyphen")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void ResourceNameMustBeLettersDigitsOrHyphens(string name)
    {
        var validation = CreateRequestValidator.Validate(Create("vmware") with { Name = name });

        Assert.Equal([RuleCodes.NameInvalid], validation.Violations.Codes());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void DiskNameMustBeLettersDigitsHyphensUnderscoresOrPeriods(string name)
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithDisks(Disk(name, "data")));

        Assert.Equal([RuleCodes.DiskNameInvalid], validation.Violations.Codes());
    }

    [Fact]
    public void DuplicateDiskNamesAreRejectedIgnoringCase()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithDisks(Disk("vsan0", "data"), Disk("VSAN0", "data")));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.DiskNameDuplicate, violation.Code);
        Assert.Equal("Disk name 'VSAN0' is used more than once; give each disk its own name.", violation.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4096)]
    public void DiskSizeMustBePositive(long size)
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithDisks(Disk("vsan0", "data", size)));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.DiskSize, violation.Code);
        Assert.Equal($"Disk 'vsan0' has size {size} bytes; a disk needs a size greater than 0 bytes.", violation.Detail);
    }

    [Fact]
    public void DiskSourceUriMustBeAbsolute()
    {
        var validation = CreateRequestValidator.Validate(Create("vmware").WithDisks(new DiskRequest("vsan0", "data", 4096, "images/base.vhd")));

        Assert.Equal([RuleCodes.DiskSourceUriMalformed], validation.Violations.Codes());
    }

    [Fact]
    public void DiskKeepsItsSourceUri()
    {
        var resource = Valid(Create("vmware").WithDisks(new DiskRequest("vsan0", "data", 4096, "http://127.0.0.1:10000/devstoreaccount1/images/base.vhd")));

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/images/base.vhd"), resource.Disks[0].SourceUri);
    }

    [Fact]
    public void UnknownPropertyIsRejectedListingTheKnownOnes()
    {
        var validation = CreateRequestValidator.Validate(Create("ml-workspace").WithProperties(("hbi_workspace", "true")));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("ml-workspace.property-unknown", violation.Code);
        Assert.Equal("Azure Machine Learning has no property 'hbi_workspace'; its properties are 'hbiWorkspace'.", violation.Detail);
    }

    [Fact]
    public void PropertyValuesCompareIgnoringCase()
    {
        var resource = Valid(Create("hdinsight").WithProperties(("clusterType", "Kafka")));

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Data));

        Assert.Equal(KeySource.KeyVault, decision.KeySource);
    }

    [Fact]
    public void IdentityTypeAcceptsArmNames()
    {
        var resource = Valid(Create("redis").WithEncryption(e => e with { Identity = new("UserAssigned", ClientId) }));

        Assert.Equal(IdentityType.UserAssigned, resource.Encryption.Identity?.Type);
    }

    [Fact]
    public void AddedDisksMustBeKindsTheResourceHas()
    {
        var validation = CreateRequestValidator.ValidateAddedDisks(Resource("ml-workspace"), [Disk("os0", "os")]);

        Assert.Equal(["ml-workspace.disk-kind"], validation.Violations.Codes());
    }
}
