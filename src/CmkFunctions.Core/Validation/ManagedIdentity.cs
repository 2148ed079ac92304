using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

public sealed record ManagedIdentity(IdentityType Type, string? ClientId);
