using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Records;

/// <summary>One disk of a resource: its definition, which key protects it and why, and whether it is provisioned.</summary>
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
}
