namespace CmkFunctions.Core.Validation;

/// <param name="Kind">os, data, temp, persistence, flash, scratch or metadata.</param>
/// <param name="SizeBytes">Null when the request gives none.</param>
/// <param name="SourceUri">An image or snapshot to fill the disk from; null fills it with zeros.</param>
public sealed record DiskRequest(string? Name, string? Kind, long? SizeBytes, string? SourceUri);
