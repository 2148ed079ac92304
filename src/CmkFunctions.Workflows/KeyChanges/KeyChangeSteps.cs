using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>Where a requested change stands after its re-wrap: refused (nothing changed), or re-wrapped and, when asked, to re-encrypt.</summary>
public sealed record KeyChangeProgress(ResourceError? Refusal, bool Reencrypt);

/// <summary>A requested change that failed after its re-wrap (the re-encryption or its completion), and why.</summary>
public sealed record KeyChangeFailure(string ResourceName, string OperationId, string Reason);
