namespace CmkFunctions.Testing;

/// <summary>A user-assigned identity: what access policies name (<see cref="PrincipalId"/>) and tokens ask for (<see cref="ClientId"/>).</summary>
public sealed record ManagedIdentity(string ResourceId, string Name, string ClientId, string PrincipalId, string TenantId);
