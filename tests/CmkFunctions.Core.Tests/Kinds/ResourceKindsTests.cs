using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Tests.Kinds;

public sealed class ResourceKindsTests
{
    [Fact]
    public void TheTableHoldsTheFiveKinds()
    {
        Assert.Equal(["hpc-cache", "hdinsight", "vmware", "redis", "ml-workspace"], ResourceKinds.All.Select(kind => kind.Name));
    }

    [Theory]
    [InlineData("hpc-cache")]
    [InlineData("HDInsight")]
    [InlineData("ML-Workspace")]
    public void KindsAreFoundByNameIgnoringCase(string name)
    {
        Assert.True(ResourceKinds.TryGet(name, out var kind));
        Assert.Equal(name, kind.Name, ignoreCase: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aks")]
    public void UnknownKindsAreNotFound(string? name)
    {
        Assert.False(ResourceKinds.TryGet(name, out _));
    }

    [Fact]
    public void OnlyHpcCacheHasAnAuthorizationStep()
    {
        Assert.Equal(["hpc-cache"], ResourceKinds.All.Where(kind => kind.HasAuthorizationStep).Select(kind => kind.Name));
    }

    [Fact]
    public void EveryKindHasADefaultIdentityOrRequiresOne()
    {
        Assert.All(ResourceKinds.All, kind =>
            Assert.True(kind.DefaultIdentityType is null || kind.IdentityTypes.Contains(kind.DefaultIdentityType.Value)));
    }

    [Fact]
    public void EveryKindTakesCmkOnAtLeastOneDiskKind()
    {
        Assert.All(ResourceKinds.All, kind => Assert.Contains(kind.Disks, rule => rule.TakesCmk == DiskCmkCondition.Always));
    }

    [Fact]
    public void KindsAcceptOnlyKeyVaultRsaSizes()
    {
        Assert.All(ResourceKinds.All, kind => Assert.Subset(new HashSet<int> { 2048, 3072, 4096 }, kind.KeySizes.ToHashSet()));
    }

    [Fact]
    public void RuleCodesArePrefixedWithTheKindName()
    {
        Assert.Equal("hpc-cache.key-size", ResourceKinds.HpcCache.Code("key-size"));
    }

    [Theory]
    [InlineData("os", DiskKind.Os)]
    [InlineData("data", DiskKind.Data)]
    [InlineData("temp", DiskKind.Temp)]
    [InlineData("persistence", DiskKind.Persistence)]
    [InlineData("flash", DiskKind.Flash)]
    [InlineData("scratch", DiskKind.Scratch)]
    [InlineData("metadata", DiskKind.Metadata)]
    public void DiskKindNamesRoundTrip(string name, DiskKind kind)
    {
        Assert.True(DiskKindNames.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(name, kind.ToName());
    }

    [Theory]
    [InlineData("Microsoft.KeyVault", KeySource.KeyVault)]
    [InlineData("Microsoft.Platform", KeySource.Platform)]
    public void KeySourceNamesRoundTrip(string name, KeySource source)
    {
        Assert.True(KeySourceNames.TryParse(name, out var parsed));
        Assert.Equal(source, parsed);
        Assert.Equal(name, source.ToName());
    }
}
