namespace CmkFunctions.Workflows.Operations;

/// <summary>
/// What every activity of a resource's operation gets: the resource and the operation (the orchestration instance) it
/// acts for. An activity acts only while the resource's record names that operation, so a deleted or superseded
/// operation's late activities change nothing.
/// </summary>
public sealed record ResourceStep(string ResourceName, string OperationId);
