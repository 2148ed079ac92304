using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Validation;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Records;

/// <summary>One disk of a resource: its definition, which key protects it and why, whether it is provisioned, and how far its data has moved.</summary>
public sealed record DiskState
{
    public string Name { get; init; } = string.Empty;

    public DiskKind Kind { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>The image or snapshot the disk is filled from; null fills it with zeros.</summary>
    public string? SourceUri { get; init; }

    public KeySource KeySource { get; init; }

    /// <summary>Why the disk has its key source, e.g. why it stays Microsoft-managed.</summary>
    public string KeySourceReason { get; init; } = string.Empty;

    public bool Provisioned { get; init; }

    /// <summary>How far the last operation that moved the disk's data got; null before any did.</summary>
    public DiskProgress? Progress { get; init; }

    /// <summary>The disk's metadata blob as last stored by a step that kept it; null when none did.</summary>
    public StoredDiskMetadata? Metadata { get; init; }

    /// <summary>
    /// This disk with <paramref name="run"/> stored in the progress of <paramref name="operationId"/>; itself when its
    /// progress is another operation's or holds the run already.
    /// </summary>
    public DiskState WithStored(string operationId, ChunkRange run) =>
        Progress is { } progress && progress.OperationId == operationId && progress.WithStored(run) is var next && !ReferenceEquals(next, progress)
            ? this with { Progress = next }
            : this;

    /// <summary>A disk as validated for <paramref name="resource"/>, with the key source its kind's rules give it; not yet provisioned.</summary>
    public static DiskState From(ResourceDefinition resource, DiskDefinition disk)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(disk);
        var decision = resource.KeySourceOf(disk);
        return new DiskState
        {
            Name = disk.Name,
            Kind = disk.Kind,
            SizeBytes = disk.SizeBytes,
            SourceUri = disk.SourceUri?.AbsoluteUri,
            KeySource = decision.KeySource,
            KeySourceReason = decision.Reason,
        };
    }
}
