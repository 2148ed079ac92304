namespace CmkFunctions.Workflows.Api.Wire;

/// <summary><c>GET /healthz</c>.</summary>
public sealed record HealthView(string Status);
