using CmkFunctions.Core.Lifecycle;

namespace CmkFunctions.Core.Tests.Lifecycle;

public sealed class ProvisioningTransitionsTests
{
    [Theory]
    [InlineData(ProvisioningState.Creating, ProvisioningState.WaitingForKey)]
    [InlineData(ProvisioningState.Creating, ProvisioningState.ProvisioningDisks)]
    [InlineData(ProvisioningState.WaitingForKey, ProvisioningState.ProvisioningDisks)]
    [InlineData(ProvisioningState.WaitingForKey, ProvisioningState.Failed)]
    [InlineData(ProvisioningState.ProvisioningDisks, ProvisioningState.Succeeded)]
    [InlineData(ProvisioningState.ProvisioningDisks, ProvisioningState.Failed)]
    [InlineData(ProvisioningState.Succeeded, ProvisioningState.Updating)]
    [InlineData(ProvisioningState.Updating, ProvisioningState.Succeeded)]
    [InlineData(ProvisioningState.Succeeded, ProvisioningState.Deleting)]
    [InlineData(ProvisioningState.Failed, ProvisioningState.Deleting)]
    public void LifecycleMovesAlongItsPath(ProvisioningState from, ProvisioningState to)
    {
        Assert.True(ProvisioningTransitions.IsAllowed(from, to));
    }

    [Theory]
    [InlineData(ProvisioningState.Creating, ProvisioningState.Succeeded)]
    [InlineData(ProvisioningState.WaitingForKey, ProvisioningState.Succeeded)]
    [InlineData(ProvisioningState.Succeeded, ProvisioningState.WaitingForKey)]
    [InlineData(ProvisioningState.Succeeded, ProvisioningState.ProvisioningDisks)]
    [InlineData(ProvisioningState.Updating, ProvisioningState.Failed)]
    [InlineData(ProvisioningState.Deleting, ProvisioningState.Creating)]
    [InlineData(ProvisioningState.Succeeded, ProvisioningState.Succeeded)]
    public void LifecycleRefusesShortcutsAndReversals(ProvisioningState from, ProvisioningState to)
    {
        Assert.False(ProvisioningTransitions.IsAllowed(from, to));
    }

    [Fact]
    public void FailedIsTerminalExceptForDeleting()
    {
        Assert.Equal([ProvisioningState.Deleting], ProvisioningTransitions.Allowed[ProvisioningState.Failed]);
    }

    [Fact]
    public void EveryLiveStateCanBeDeleted()
    {
        Assert.All(
            Enum.GetValues<ProvisioningState>().Where(state => state != ProvisioningState.Deleting),
            state => Assert.True(ProvisioningTransitions.IsAllowed(state, ProvisioningState.Deleting)));
    }

    [Fact]
    public void DeletingIsFinal()
    {
        Assert.Empty(ProvisioningTransitions.Allowed[ProvisioningState.Deleting]);
    }

    [Fact]
    public void EveryStateHasATransitionRow()
    {
        Assert.Equal(Enum.GetValues<ProvisioningState>().ToHashSet(), ProvisioningTransitions.Allowed.Keys.ToHashSet());
    }

    [Fact]
    public void ResourcesStartCreating()
    {
        Assert.Equal(ProvisioningState.Creating, ProvisioningTransitions.Initial);
    }

    [Fact]
    public void EnsureAllowedNamesTheRefusedMove()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            ProvisioningTransitions.EnsureAllowed(ProvisioningState.Failed, ProvisioningState.Updating));

        Assert.Equal("A resource cannot move from Failed to Updating; from Failed it can move to: Deleting.", exception.Message);
    }

    [Fact]
    public void EnsureAllowedAcceptsAnAllowedMove()
    {
        ProvisioningTransitions.EnsureAllowed(ProvisioningState.Creating, ProvisioningState.WaitingForKey);
    }
}
