namespace CmkFunctions.Workflows.Records;

/// <summary>One page of a tenant's resources.</summary>
/// <param name="Continuation">Where the next page starts, as the table gave it; null on the last page.</param>
public sealed record ResourcePage(IReadOnlyList<ResourceState> Resources, string? Continuation);
