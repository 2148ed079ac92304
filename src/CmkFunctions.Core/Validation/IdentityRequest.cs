namespace CmkFunctions.Core.Validation;

/// <param name="Type"><c>system</c> or <c>user</c>.</param>
public sealed record IdentityRequest(string? Type, string? ClientId);
