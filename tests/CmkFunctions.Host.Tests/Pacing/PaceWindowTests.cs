using CmkFunctions.Workflows.Pacing;

namespace CmkFunctions.Host.Tests.Pacing;

/// <summary>The shared window a vault's pace is kept in: what it allows, when it frees, and how it is stored.</summary>
public sealed class PaceWindowTests
{
    private const int Cap = PaceWindow.Budget / 2;
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WhatIsTakenStaysTakenForTheWholeWindowThenFreesSlotBySlot()
    {
        var window = PaceWindow.Empty();
        var first = PaceWindow.SlotAt(Start);
        window.Take(first, Cap / 2);
        window.Take(first + 10, Cap / 2);

        Assert.Equal(0, window.Free(first + 10, Cap));
        Assert.Equal(0, window.Free(first + PaceWindow.SlotCount - 1, Cap));
        Assert.Equal(Cap / 2, window.Free(first + PaceWindow.SlotCount, Cap));
        Assert.Equal(Cap, window.Free(first + 10 + PaceWindow.SlotCount, Cap));
    }

    [Fact]
    public void AFullWindowSaysHowLongUntilEnoughLeavesIt()
    {
        var window = PaceWindow.Empty();
        var slot = PaceWindow.SlotAt(Start);
        window.Take(slot, Cap - 100);
        window.Take(slot + 5, 100);
        var now = Start + (PaceWindow.Slot * 20);

        Assert.Equal(TimeSpan.Zero, window.UntilFree(now, 0, Cap));
        Assert.Equal((PaceWindow.Slot * PaceWindow.SlotCount) - (PaceWindow.Slot * 20), window.UntilFree(now, 50, Cap));
        Assert.Equal((PaceWindow.Slot * (PaceWindow.SlotCount + 5)) - (PaceWindow.Slot * 20), window.UntilFree(now, Cap, Cap));
    }

    [Fact]
    public void AnOperationCostsItsShareOfTheKeysLimit()
    {
        Assert.Equal(250, PaceWindow.CostOf(4000));
        Assert.Equal(4000, PaceWindow.CostOf(250));
        Assert.Equal(PaceWindow.Budget / 3 + 1, PaceWindow.CostOf(3));
    }

    [Fact]
    public void AStoredWindowReadsBackAndAnUnreadableOneCountsAsFull()
    {
        var window = PaceWindow.Empty();
        var slot = PaceWindow.SlotAt(Start);
        window.Take(slot, 1234);

        var stored = PaceWindow.From(window.LastSlot, window.ToBytes());
        Assert.Equal(Cap - 1234, stored.Free(slot, Cap));
        Assert.Equal(0, PaceWindow.From(slot, [1, 2, 3]).Free(slot, Cap));
        Assert.Equal(Cap, PaceWindow.From(slot, [1, 2, 3]).Free(slot + PaceWindow.SlotCount, Cap));
    }

    [Fact]
    public void AHostWhoseClockIsBehindTakesFromTheNewestSlot()
    {
        var window = PaceWindow.Empty();
        var slot = PaceWindow.SlotAt(Start);
        window.Take(slot, 10);
        window.Take(slot - PaceWindow.SlotCount, 20);

        Assert.Equal(Cap - 30, window.Free(slot, Cap));
        Assert.Equal(Cap, window.Free(slot + PaceWindow.SlotCount, Cap));
    }
}
