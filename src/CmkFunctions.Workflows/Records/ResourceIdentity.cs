using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Records;

/// <summary>The managed identity a resource reaches its key vault with.</summary>
/// <remarks><see cref="PrincipalId"/> is null when it could not be learnt (a user-assigned identity known only by client id).</remarks>
public sealed record ResourceIdentity
{
    public IdentityType Type { get; init; }

    public string ClientId { get; init; } = string.Empty;

    public string? PrincipalId { get; init; }
}
