namespace CmkFunctions.Host.Api.Wire;

/// <summary><c>GET /healthz</c>: this silo and the active silos of the cluster as it sees them.</summary>
public sealed record HealthView(string Status, string Silo, int ActiveSilos, IReadOnlyList<string> Silos);
