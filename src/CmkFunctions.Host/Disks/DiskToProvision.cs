using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Disks;

/// <param name="SourceUri">The blob (image or snapshot) to fill the disk from; null fills it with zeros.</param>
/// <param name="KeySource">Whether the disk takes the resource's customer-managed key or stays Microsoft-managed.</param>
public sealed record DiskToProvision(string Name, DiskKind Kind, long SizeBytes, Uri? SourceUri, KeySource KeySource);
