using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Grains;

/// <summary>One disk of a resource: its definition, which key protects it and why, and whether it is provisioned.</summary>
[GenerateSerializer, Immutable, Alias("cmk.DiskState")]
public sealed record DiskState
{
    [Id(0)] public string Name { get; init; } = string.Empty;

    [Id(1)] public DiskKind Kind { get; init; }

    [Id(2)] public long SizeBytes { get; init; }

    /// <summary>The image or snapshot the disk is filled from; null fills it with zeros.</summary>
    [Id(3)] public string? SourceUri { get; init; }

    [Id(4)] public KeySource KeySource { get; init; }

    /// <summary>Why the disk has its key source, e.g. why it stays Microsoft-managed.</summary>
    [Id(5)] public string KeySourceReason { get; init; } = string.Empty;

    [Id(6)] public bool Provisioned { get; init; }
}
