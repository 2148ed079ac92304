using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Grains;

/// <summary>The managed identity a resource reaches its key vault with.</summary>
/// <remarks><see cref="PrincipalId"/> is null when it could not be learnt (a user-assigned identity known only by client id).</remarks>
[GenerateSerializer, Immutable, Alias("cmk.ResourceIdentity")]
public sealed record ResourceIdentity
{
    [Id(0)] public IdentityType Type { get; init; }

    [Id(1)] public string ClientId { get; init; } = string.Empty;

    [Id(2)] public string? PrincipalId { get; init; }
}
