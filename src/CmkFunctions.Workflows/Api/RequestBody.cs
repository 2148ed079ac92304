using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CmkFunctions.Workflows.Api;

/// <summary>Reads a JSON request body as minimal APIs do (web defaults), answering malformed JSON with an RFC 7807 400.</summary>
public static class RequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return body is null ? (null, Refused("The request has no JSON body.")) : (body, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 0 } path ? $" at '{path}'" : string.Empty;
            return (null, Refused($"The request body is not valid JSON for this request{where}: {exception.Message}"));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
}
