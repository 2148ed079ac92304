using CmkFunctions.Core.Validation;
using static CmkFunctions.Core.Tests.Validation.Requests;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class CreateFactsValidatorTests
{
    [Fact]
    public void AllFactViolationsAreReportedAtOnce()
    {
        var key = Key(1024, "EC") with { Enabled = false, Expires = Now.AddDays(-1), KeyOperations = ["sign", "verify"] };
        var facts = new ObservedFacts(Vault("westus", OtherSubscription, softDelete: false, purgeProtection: false), key, AccessFacts.None);

        var validation = CreateFactsValidator.Validate(Resource("ml-workspace"), facts, Now);

        Assert.Equal(
            [
                "ml-workspace.vault-region",
                "ml-workspace.vault-subscription",
                "ml-workspace.vault-soft-delete",
                "ml-workspace.vault-purge-protection",
                "ml-workspace.key-access",
                "ml-workspace.key-type",
                "ml-workspace.key-size",
                RuleCodes.KeyDisabled,
                RuleCodes.KeyExpired,
                RuleCodes.KeyOperations,
            ],
            validation.Violations.Codes());
        Assert.Equal(["ml-workspace.key-size-recommended"], validation.Warnings.Codes());
        Assert.Equal(FactsDecision.Reject, validation.Decision);
    }

    [Fact]
    public void MlWorkspaceWithoutAccessAsksToGrantTheServicePrincipalBeforeCreation()
    {
        var validation = CreateFactsValidator.Validate(Resource("ml-workspace"), Facts("ml-workspace", access: AccessFacts.None), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal("ml-workspace.key-access", violation.Code);
        Assert.Contains("needs the service's principal to have Get, Wrap Key and Unwrap Key", violation.Detail, StringComparison.Ordinal);
        Assert.EndsWith("before creating the workspace.", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiredKeyIsRejected()
    {
        var validation = CreateFactsValidator.Validate(Resource("vmware"), Facts("vmware", key: Key() with { Expires = Now }), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeyExpired, violation.Code);
        Assert.Equal(
            "Key 'k1' expired at 2025-06-01T12:00:00Z (exp); it is now 2025-06-01T12:00:00Z. Choose a key that has not expired or extend its expiration date.",
            violation.Detail);
    }

    [Fact]
    public void KeyThatExpiresLaterIsAccepted()
    {
        var validation = CreateFactsValidator.Validate(Resource("vmware"), Facts("vmware", key: Key() with { Expires = Now.AddSeconds(1) }), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void NotYetActiveKeyIsRejected()
    {
        var validation = CreateFactsValidator.Validate(Resource("vmware"), Facts("vmware", key: Key() with { NotBefore = Now.AddHours(1) }), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeyNotYetActive, violation.Code);
        Assert.Contains("not active until 2025-06-01T13:00:00Z (nbf)", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyActiveSinceNowIsAccepted()
    {
        var validation = CreateFactsValidator.Validate(Resource("vmware"), Facts("vmware", key: Key() with { NotBefore = Now }), Now);

        Assert.Empty(validation.Violations);
    }

    [Fact]
    public void KeyWithoutWrapAndUnwrapOperationsIsRejected()
    {
        var validation = CreateFactsValidator.Validate(Resource("vmware"), Facts("vmware", key: Key() with { KeyOperations = ["encrypt", "wrapKey"] }), Now);

        var violation = Assert.Single(validation.Violations);
        Assert.Equal(RuleCodes.KeyOperations, violation.Code);
        Assert.Equal(
            "Key 'k1' does not permit unwrapKey (key_ops: encrypt, wrapKey); Azure VMware Solution wraps its keys with it. Allow the wrapKey and unwrapKey operations on the key.",
            violation.Detail);
    }

    [Fact]
    public void MissingKeyIsRejectedWhenTheIdentityCouldHaveReadIt()
    {
        var validation = CreateFactsValidator.Validate(Resource("hpc-cache"), new ObservedFacts(Vault(), Key: null, AccessFacts.Full), Now);

        Assert.Equal([RuleCodes.KeyNotFound], validation.Violations.Codes());
    }

    [Fact]
    public void PlatformManagedResourceProceedsWithoutFacts()
    {
        var resource = Valid(Create("redis").WithEncryption(_ => new("Microsoft.Platform", null, null, null)));

        var validation = CreateFactsValidator.Validate(resource, facts: null, Now);

        Assert.Equal(FactsDecision.Proceed, validation.Decision);
        Assert.True(validation.IsValid);
    }

    [Fact]
    public void CustomerManagedResourceNeedsFacts()
    {
        Assert.Throws<ArgumentNullException>(() => CreateFactsValidator.Validate(Resource("redis"), facts: null, Now));
    }
}
