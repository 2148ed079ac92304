using System.Buffers.Binary;

namespace CmkFunctions.Workflows.Pacing;

/// <summary>
/// One vault's Key Vault budget as the whole deployment has spent it: the units taken in each slot of the last
/// <see cref="Length"/> and a second more (a full window's budget is <see cref="Budget"/> units; an operation on a key with
/// a limit of L per window costs Budget / L). The sum over <see cref="SlotCount"/> slots bounds what any window of Key
/// Vault's, wherever it starts, can see, with a second for requests still on their way when their turn was taken.
/// </summary>
public sealed class PaceWindow
{
    public const int Budget = 1_000_000;

    public static readonly TimeSpan Length = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(200);

    public static readonly int SlotCount = (int)((Length + TimeSpan.FromSeconds(1)) / Slot);

    private readonly int[] _used;

    private PaceWindow(long lastSlot, int[] used)
    {
        LastSlot = lastSlot;
        _used = used;
    }

    /// <summary>The newest slot anything was taken in.</summary>
    public long LastSlot { get; private set; }

    public static PaceWindow Empty() => new(0, new int[SlotCount]);

    /// <summary>What a key operation costs on a key allowing <paramref name="limitPerWindow"/> operations per window.</summary>
    public static int CostOf(int limitPerWindow) => (Budget + limitPerWindow - 1) / Math.Max(1, limitPerWindow);

    public static long SlotAt(DateTimeOffset time) => time.UtcTicks / Slot.Ticks;

    /// <summary>Units still free at <paramref name="slot"/> under <paramref name="cap"/>.</summary>
    public int Free(long slot, int cap)
    {
        MoveTo(slot);
        return Math.Max(0, cap - _used.Sum());
    }

    /// <summary>Records <paramref name="units"/> taken at <paramref name="slot"/> (or at the newest slot, when another host's clock is ahead).</summary>
    public void Take(long slot, int units)
    {
        MoveTo(slot);
        _used[Index(Math.Max(slot, LastSlot))] += units;
    }

    /// <summary>How long from <paramref name="now"/> until <paramref name="units"/> fit under <paramref name="cap"/>.</summary>
    public TimeSpan UntilFree(DateTimeOffset now, int units, int cap)
    {
        var slot = Math.Max(SlotAt(now), LastSlot);
        var excess = units - Free(slot, cap);
        if (excess <= 0)
        {
            return TimeSpan.Zero;
        }

        for (var oldest = slot - SlotCount + 1; oldest <= slot && excess > 0; oldest++)
        {
            excess -= _used[Index(oldest)];
            if (excess <= 0)
            {
                return TimeSpan.FromTicks(Math.Max(0, ((oldest + SlotCount) * Slot.Ticks) - now.UtcTicks));
            }
        }

        return Slot;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[sizeof(int) * SlotCount];
        for (var i = 0; i < SlotCount; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), _used[i]);
        }

        return bytes;
    }

    /// <summary>A stored window; an unreadable one (another slot length) counts as full until it ages out.</summary>
    public static PaceWindow From(long lastSlot, byte[]? bytes)
    {
        var used = new int[SlotCount];
        if (bytes is null || bytes.Length != sizeof(int) * SlotCount)
        {
            used[Index(lastSlot)] = Budget;
            return new PaceWindow(lastSlot, used);
        }

        for (var i = 0; i < SlotCount; i++)
        {
            used[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
        }

        return new PaceWindow(lastSlot, used);
    }

    private void MoveTo(long slot)
    {
        if (slot <= LastSlot)
        {
            return;
        }

        for (var cleared = LastSlot + 1; cleared <= slot && cleared <= LastSlot + SlotCount; cleared++)
        {
            _used[Index(cleared)] = 0;
        }

        LastSlot = slot;
    }

    private static int Index(long slot) => (int)(((slot % SlotCount) + SlotCount) % SlotCount);
}
