using System.Text.Json.Serialization;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>A page of <c>GET /api/resources</c>, shaped like an ARM list: <c>{"value": [...], "nextLink": "..."}</c>.</summary>
/// <param name="NextLink">The absolute URL of the next page; absent on the last page.</param>
public sealed record ResourceList(
    IReadOnlyList<ResourceView> Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextLink);
