using System.Text;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>
/// <c>/openapi/v1.json</c> and <c>/docs</c>: the API's OpenAPI document and the reference page that renders it, public in
/// both hosts. The page and its script come from this assembly and Scalar's package; nothing is loaded from elsewhere.
/// </summary>
public static class ReferenceApi
{
    public static Task<IResult> DocumentAsync(HttpContext http, DurableTaskClient client) =>
        Task.FromResult<IResult>(TypedResults.Text(ApiDocument.Json, "application/json", Encoding.UTF8));

    public static Task<IResult> PageAsync(HttpContext http, DurableTaskClient client) =>
        Task.FromResult<IResult>(TypedResults.Text(ReferencePage.Html, "text/html", Encoding.UTF8));

    public static Task<IResult> ScriptAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Task.FromResult(ScalarScript.For(http.Request));
    }
}
