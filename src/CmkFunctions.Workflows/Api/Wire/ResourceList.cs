namespace CmkFunctions.Workflows.Api.Wire;

/// <summary><c>GET /api/resources</c>, shaped like an ARM list: <c>{"value": [...]}</c>.</summary>
public sealed record ResourceList(IReadOnlyList<ResourceView> Value);
