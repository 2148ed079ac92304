using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class MlWorkspaceRulesTests
{
    private const string Kind = "ml-workspace";

    [Fact]
    public void MlWorkspaceRequiresSystemAssignedIdentity()
    {
        var request = Create(Kind).WithEncryption(e => e with { Identity = new("user", ClientId) });

        var validation = CreateRequestValidator.Validate(request);

        Assert.Equal(["ml-workspace.identity-type"], validation.Violations.Codes());
    }

    [Fact]
    public void MlWorkspaceRequiresVaultInSameRegionAndSubscription()
    {
        var facts = Facts(Kind, vault: Vault(region: "westus", subscription: OtherSubscription));

        var validation = CreateFactsValidator.Validate(Resource(Kind), facts, Now);

        Assert.Equal(["ml-workspace.vault-region", "ml-workspace.vault-subscription"], validation.Violations.Codes());
    }

    [Fact]
    public void MlWorkspaceRequiresSoftDeleteAndPurgeProtection()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, vault: Vault(softDelete: false, purgeProtection: false)), Now);

        Assert.Equal(["ml-workspace.vault-soft-delete", "ml-workspace.vault-purge-protection"], validation.Violations.Codes());
    }

    [Fact]
    public void MlWorkspaceRequiresVersionedKey()
    {
        var validation = CreateRequestValidator.Validate(Create(Kind).WithEncryption(e => e with { KeyUri = KeyUri(version: null) }));

        Assert.Equal(["ml-workspace.versioned-key-required"], validation.Violations.Codes());
    }

    [Fact]
    public void MlWorkspaceWarnsBelow3072Bits()
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(2048)), Now);

        Assert.Empty(validation.Violations);
        Assert.Equal(FactsDecision.Proceed, validation.Decision);
        var warning = Assert.Single(validation.Warnings);
        Assert.Equal("ml-workspace.key-size-recommended", warning.Code);
        Assert.Equal(
            "Azure Machine Learning recommends RSA keys of at least 3072 bits; key 'k1' is RSA 2048-bit. Consider an RSA 3072 key.",
            warning.Detail);
    }

    [Theory]
    [InlineData(3072)]
    [InlineData(4096)]
    public void MlWorkspaceDoesNotWarnAtOrAbove3072Bits(int size)
    {
        var validation = CreateFactsValidator.Validate(Resource(Kind), Facts(Kind, key: Key(size)), Now);

        Assert.Empty(validation.Warnings);
    }

    [Theory]
    [InlineData("k1", OtherVersion)]
    [InlineData("k2", KeyVersion)]
    public void MlWorkspaceNeverChangesKeyAfterCreation(string name, string version)
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new(null, KeyUri(name, version), null, null));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("ml-workspace.key-immutable", violation.Code);
        Assert.StartsWith("Azure Machine Learning can't change the customer-managed key after the workspace is created;", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void MlWorkspaceAcceptsAChangeRequestThatRepeatsTheCurrentKey()
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new("Microsoft.KeyVault", KeyUri(), null, VaultResourceId));

        Assert.True(validation.IsValid);
    }

    [Fact]
    public void MlWorkspaceNeverSwitchesBetweenCmkAndMmk()
    {
        var validation = EncryptionChangeValidator.Validate(Resource(Kind), new("Microsoft.Platform", null, null, null));

        Assert.Equal(["ml-workspace.key-source-change"], validation.Violations.Codes());
    }

    [Fact]
    public void MlWorkspaceEncryptsMetadataStores()
    {
        var resource = Resource(Kind);

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Metadata));

        Assert.Equal(KeySource.KeyVault, decision.KeySource);
    }

    [Theory]
    [InlineData("true", KeySource.KeyVault)]
    [InlineData("false", KeySource.Platform)]
    [InlineData(null, KeySource.Platform)]
    public void MlWorkspaceScratchDiskTakesCmkOnlyWithHbiWorkspace(string? hbiWorkspace, KeySource expected)
    {
        var request = hbiWorkspace is null ? Create(Kind) with { Properties = null } : Create(Kind).WithProperties(("hbiWorkspace", hbiWorkspace));
        var resource = Valid(request);

        var decision = resource.KeySourceOf(resource.Disks.Single(d => d.Kind == DiskKind.Scratch));

        Assert.Equal(expected, decision.KeySource);
    }

    [Fact]
    public void MlWorkspaceHbiWorkspaceCanOnlyBeSetAtCreation()
    {
        var resource = Valid(Create(Kind).WithProperties(("hbiWorkspace", "false")));
        var change = new EncryptionChangeRequest(null, null, null, null, new Dictionary<string, string> { ["hbiWorkspace"] = "true" });

        var validation = EncryptionChangeValidator.Validate(resource, change);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("ml-workspace.property-creation-only", violation.Code);
        Assert.Equal(
            "Azure Machine Learning sets 'hbiWorkspace' only when the workspace is created; it can't be changed for an existing workspace (hbiWorkspace is 'false', requested 'true'). Create a new workspace with hbiWorkspace 'true'.",
            violation.Detail);
    }

    [Fact]
    public void MlWorkspaceRejectsNonBooleanHbiWorkspace()
    {
        var validation = CreateRequestValidator.Validate(Create(Kind).WithProperties(("hbiWorkspace", "yes")));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("ml-workspace.property-value", violation.Code);
        Assert.Equal("Azure Machine Learning property 'hbiWorkspace' is 'yes'; use 'true' or 'false'.", violation.Detail);
    }
}
