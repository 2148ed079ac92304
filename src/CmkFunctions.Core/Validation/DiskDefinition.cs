using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

public sealed record DiskDefinition(string Name, DiskKind Kind, long SizeBytes, Uri? SourceUri);
