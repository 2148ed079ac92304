using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Tests.Kinds;

public sealed class DiskKeySourcesTests
{
    [Fact]
    public void DiskThatCannotTakeCmkStaysMmkAndSaysWhy()
    {
        var decision = DiskKeySources.Decide(ResourceKinds.HdInsight, KeySource.KeyVault, ResourceProperties.Empty, DiskKind.Os);

        Assert.Equal(KeySource.Platform, decision.KeySource);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void DiskKindTheResourceKindLacksIsAnArgumentError()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            DiskKeySources.Decide(ResourceKinds.Vmware, KeySource.KeyVault, ResourceProperties.Empty, DiskKind.Flash));

        Assert.Contains("Azure VMware Solution has no 'flash' disks", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CmkDiskSaysItUsesTheResourcesKey()
    {
        var decision = DiskKeySources.Decide(ResourceKinds.Redis, KeySource.KeyVault, ResourceProperties.Empty, DiskKind.Persistence);

        Assert.Equal(new DiskKeySourceDecision(KeySource.KeyVault, "Encrypted with the cache's customer-managed key."), decision);
    }
}
