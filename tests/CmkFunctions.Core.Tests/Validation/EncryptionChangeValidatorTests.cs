using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class EncryptionChangeValidatorTests
{
    [Theory]
    [InlineData("hpc-cache", "user", ClientId)]
    [InlineData("hdinsight", "user", "22222222-2222-2222-2222-222222222222")]
    [InlineData("vmware", "user", ClientId)]
    [InlineData("redis", "user", "22222222-2222-2222-2222-222222222222")]
    [InlineData("ml-workspace", "user", ClientId)]
    public void IdentityChangeIsAlwaysRefused(string kind, string type, string clientId)
    {
        var validation = EncryptionChangeValidator.Validate(Resource(kind), new(null, null, new(type, clientId), null));

        var violation = Assert.Single(validation.Violations);
        Assert.Equal($"{kind}.identity-change", violation.Code);
        Assert.Contains("does not allow changing the managed identity", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityChangeDetailNamesBothIdentities()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("redis"), new(null, null, new("user", "22222222-2222-2222-2222-222222222222"), null));

        Assert.Equal(
            $"Azure Managed Redis does not allow changing the managed identity after the cache is created; it uses user-assigned identity '{ClientId}', the request asks for user-assigned identity '22222222-2222-2222-2222-222222222222'. Keep the current identity.",
            Assert.Single(validation.Violations).Detail);
    }

    [Theory]
    [InlineData("hpc-cache")]
    [InlineData("hdinsight")]
    [InlineData("vmware")]
    [InlineData("redis")]
    [InlineData("ml-workspace")]
    public void EmptyChangeKeepsTheCurrentSettings(string kind)
    {
        var resource = Resource(kind);

        var validation = EncryptionChangeValidator.Validate(resource, new(null, null, null, null));

        Assert.True(validation.IsValid);
        Assert.Equal(resource.Encryption, validation.Encryption);
    }

    [Fact]
    public void RepeatingTheCurrentIdentityIsNotAChange()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("redis"), new(null, null, new("user", ClientId), null));

        Assert.True(validation.IsValid);
    }

    [Fact]
    public void UnknownIdentityTypeInAChangeIsReportedOnce()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("redis"), new(null, null, new("robot", null), null));

        Assert.Equal([RuleCodes.IdentityTypeUnknown], validation.Violations.Codes());
    }

    [Fact]
    public void ChangeViolationsNameTheTopLevelMemberAtFault()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("redis"), new("Microsoft.Storage", null, new("robot", null), null));

        Assert.Equal(
            [(RuleCodes.IdentityTypeUnknown, "identity.type"), (RuleCodes.KeySourceUnknown, "keySource")],
            validation.Violations.Select(violation => (violation.Code, violation.Target)));
    }

    [Fact]
    public void KeyInAnotherVaultNeedsThatVaultsResourceId()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("vmware"), new(null, KeyUri(vault: "fabrikam"), null, null));

        Assert.Equal([RuleCodes.KeyVaultResourceIdMissing], validation.Violations.Codes());
    }

    [Fact]
    public void KeyInAnotherVaultTakesThatVaultsResourceId()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("vmware"), new(null, KeyUri(vault: "fabrikam"), null, OtherVaultResourceId));

        Assert.Equal("fabrikam", validation.Encryption?.KeyVaultResourceId?.VaultName);
    }

    [Fact]
    public void MalformedNewKeyUriIsRejected()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("vmware"), new(null, "https://contoso.vault.azure.net/keys/k1?api-version=7.5", null, null));

        Assert.Equal([RuleCodes.KeyUriMalformed], validation.Violations.Codes());
        Assert.Null(validation.Encryption);
    }

    [Fact]
    public void SwitchToPlatformMustNotNameAKey()
    {
        var validation = EncryptionChangeValidator.Validate(Resource("vmware"), new("Microsoft.Platform", KeyUri(), null, null));

        Assert.Equal([RuleCodes.PlatformKeyWithKeyVaultSettings], validation.Violations.Codes());
    }

    [Fact]
    public void AllChangeViolationsAreReportedAtOnce()
    {
        var change = new EncryptionChangeRequest("Microsoft.Platform", null, new("user", ClientId), null, new Dictionary<string, string> { ["hbiWorkspace"] = "false" });

        var validation = EncryptionChangeValidator.Validate(Resource("ml-workspace"), change);

        Assert.Equal(
            ["ml-workspace.identity-change", "ml-workspace.property-creation-only", "ml-workspace.key-source-change"],
            validation.Violations.Codes());
    }

    [Fact]
    public void NewKeyIsCheckedAgainstTheKindsFactRules()
    {
        var resource = Resource("hpc-cache");
        var next = EncryptionChangeValidator.Validate(resource, new(null, KeyUri("k2"), null, null)).Encryption!;

        var validation = EncryptionChangeFactsValidator.Validate(resource, next, Facts("hpc-cache", key: Key(4096, name: "k2"), vault: Vault(region: "westus")), null, Now);

        Assert.Equal(["hpc-cache.vault-region", "hpc-cache.key-size"], validation.Violations.Codes());
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void SwitchToPlatformProceedsWithoutFacts()
    {
        var resource = Resource("vmware");

        var validation = EncryptionChangeFactsValidator.Validate(resource, EncryptionSettings.Platform(resource.Encryption.Identity), null, null, Now);

        Assert.Equal(FactsDecision.Proceed, validation.Decision);
    }
}
