using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// What an <see cref="HttpFunction"/> takes and answers, for its operation in the OpenAPI document. The gate's own
/// answers are not listed: the document adds 401 and 403 to every route that needs a token.
/// </summary>
/// <param name="Tag">The group the operation is listed under.</param>
/// <param name="Request">The body the route reads; null when it reads none.</param>
/// <param name="Parameters">Headers and query parameters it reads; the route's path parameters are taken from its template.</param>
public sealed record HttpContract(
    string Summary, string Description, string Tag, HttpBody? Request, IReadOnlyList<HttpAnswer> Answers, IReadOnlyList<HttpParameter>? Parameters = null);

/// <param name="Schema">The record the body holds; null for bytes.</param>
public sealed record HttpBody(string MediaType, Type? Schema, string Description)
{
    public static HttpBody Json<T>(string description) => new("application/json", typeof(T), description);

    public static HttpBody Bytes(string description) => new("application/octet-stream", null, description);
}

/// <summary>A header or query parameter a route reads.</summary>
/// <param name="Range">The whole numbers it takes, when it takes one; null for a string.</param>
public sealed record HttpParameter(string Name, ParameterLocation In, string Description, bool Required = false, (int Minimum, int Maximum)? Range = null);

/// <summary>A response header.</summary>
public sealed record HttpHeader(string Name, string Description);

/// <summary>One answer of a route: its status, and the body and headers it has.</summary>
/// <param name="MediaType">Null when the answer has no body.</param>
/// <param name="Schema">The record the body holds; null for bytes, a page or a script.</param>
public sealed record HttpAnswer(int Status, string Description, string? MediaType = null, Type? Schema = null, IReadOnlyList<HttpHeader>? Headers = null)
{
    public const string ProblemMediaType = "application/problem+json";

    public static HttpAnswer Json<T>(int status, string description) => new(status, description, "application/json", typeof(T));

    public static HttpAnswer Empty(int status, string description) => new(status, description);

    /// <summary>202: a long-running operation started; its status is at <c>Azure-AsyncOperation</c>.</summary>
    public static HttpAnswer Accepted<T>(string description) =>
        new(StatusCodes.Status202Accepted, description, "application/json", typeof(T),
            [new("Location", "The resource's URL."), new(Links.AsyncOperationHeader, "The operation's URL: GET it until its status is Succeeded, Failed or Canceled.")]);

    /// <summary>202 without a body: the operation's URL is both <c>Location</c> and <c>Azure-AsyncOperation</c>.</summary>
    public static HttpAnswer AcceptedOperation(string description) =>
        new(StatusCodes.Status202Accepted, description, Headers:
            [new("Location", "The operation's URL."), new(Links.AsyncOperationHeader, "The operation's URL: GET it until its status is Succeeded, Failed or Canceled.")]);

    /// <summary>An RFC 7807 problem whose <c>detail</c> says why (and a <c>code</c> where one is given).</summary>
    public static HttpAnswer Problem(int status, string description) => new(status, description, ProblemMediaType, typeof(ProblemDetails));

    /// <summary>A refusal listing every rule broken in <c>violations</c> (<see cref="Problems.Refused"/>).</summary>
    public static HttpAnswer Refused(int status, string description) => new(status, description, ProblemMediaType, typeof(HttpValidationProblemDetails));

    public HttpAnswer With(string header, string description) => this with { Headers = [.. Headers ?? [], new HttpHeader(header, description)] };
}
