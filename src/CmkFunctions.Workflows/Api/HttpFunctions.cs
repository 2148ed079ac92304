namespace CmkFunctions.Workflows.Api;

/// <summary>The HTTP API: every route both hosts map, under the function name the Functions app gives it.</summary>
public static class HttpFunctions
{
    public static IReadOnlyList<HttpFunction> All { get; } =
    [
        new("CreateResource", "PUT", "api/resources/{name}", ResourcesApi.CreateAsync),
        new("GetResource", "GET", "api/resources/{name}", ResourcesApi.GetAsync),
        new("ListResources", "GET", "api/resources", ResourcesApi.ListAsync),
        new("DeleteResource", "DELETE", "api/resources/{name}", ResourcesApi.DeleteAsync),
        new("AuthorizeResource", "POST", "api/resources/{name}/authorize", ResourcesApi.AuthorizeAsync),
        new("GetOperation", "GET", "api/operations/{id}", OperationsApi.GetAsync),
        new("Health", "GET", "healthz", HealthApi.GetAsync),
    ];
}
