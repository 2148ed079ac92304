using CmkFunctions.Core.Validation;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class VaultProtectionTests
{
    [Theory]
    [InlineData("Purgeable", false, false)]
    [InlineData("Recoverable+Purgeable", true, false)]
    [InlineData("Recoverable", true, true)]
    [InlineData("Recoverable+ProtectedSubscription", true, true)]
    [InlineData("CustomizedRecoverable+Purgeable", true, false)]
    [InlineData("CustomizedRecoverable", true, true)]
    [InlineData("CustomizedRecoverable+ProtectedSubscription", true, true)]
    public void RecoveryLevelMapsToSoftDeleteAndPurgeProtection(string recoveryLevel, bool softDelete, bool purgeProtection)
    {
        var known = VaultProtection.TryFromRecoveryLevel(recoveryLevel, out var protection);

        Assert.True(known);
        Assert.Equal(new VaultProtection(softDelete, purgeProtection), protection);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("recoverable")]
    [InlineData("Recoverable+Unknown")]
    public void UnknownRecoveryLevelIsNotMapped(string? recoveryLevel)
    {
        Assert.False(VaultProtection.TryFromRecoveryLevel(recoveryLevel, out _));
    }

    [Fact]
    public void VaultFactsComeFromTheRecoveryLevel()
    {
        var facts = VaultFacts.FromRecoveryLevel("eastus", "sub", "Recoverable+Purgeable");

        Assert.Equal(new VaultFacts("eastus", "sub", SoftDeleteEnabled: true, PurgeProtectionEnabled: false), facts);
    }

    [Fact]
    public void VaultFactsRefuseAnUnknownRecoveryLevel()
    {
        var exception = Assert.Throws<FormatException>(() => VaultFacts.FromRecoveryLevel("eastus", "sub", "Deleted"));

        Assert.Contains("'Deleted'", exception.Message, StringComparison.Ordinal);
    }
}
