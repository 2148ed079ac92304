using System.Collections.Immutable;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// How far one operation has moved a disk's data: provisioning stores the disk's chunks, a re-encryption its next DEK
/// generation's. <see cref="Stored"/> is set from a listing of the stored chunks when the operation plans the disk, and
/// each batch adds its run once every chunk of it is stored, so a batch that runs twice (a retry, a resumed
/// orchestration) counts its chunks once.
/// </summary>
public sealed record DiskProgress
{
    /// <summary>The operation that moves the data: its progress is the sum of its disks'.</summary>
    public string OperationId { get; init; } = string.Empty;

    public int ChunkSize { get; init; }

    /// <summary>The chunks known to be stored, as <see cref="ChunkRuns"/>.</summary>
    public ImmutableArray<ChunkRange> Stored { get; init; } = [];

    public static DiskProgress Planned(string operationId, int chunkSize, IEnumerable<long> stored) =>
        new() { OperationId = operationId, ChunkSize = chunkSize, Stored = ChunkRuns.Of(stored) };

    /// <summary>Every chunk of a disk with <paramref name="layout"/> stored.</summary>
    public static DiskProgress Complete(string operationId, DiskLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new() { OperationId = operationId, ChunkSize = layout.ChunkSize, Stored = ChunkRuns.Union([layout.AllChunks]) };
    }

    /// <summary>This progress with <paramref name="run"/> stored; itself when it held the run already.</summary>
    public DiskProgress WithStored(ChunkRange run)
    {
        var stored = ChunkRuns.Union(Stored.Add(run));
        return stored.SequenceEqual(Stored) ? this : this with { Stored = stored };
    }
}
