using System.Text.RegularExpressions;
using CmkFunctions.Workflows.Api.Callers;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// One HTTP-triggered function of the API, mapped by both hosts at the same path: <paramref name="Route"/> is the whole
/// path template (<c>api/resources/{name}</c>), so the Functions app runs with an empty route prefix. Hosts run it
/// through <see cref="ApiGate.RunAsync"/>, which lets <paramref name="Handle"/> run only for a caller
/// <paramref name="Access"/> admits. A handler reads route values from <see cref="HttpRequest.RouteValues"/> and its
/// services from <see cref="HttpContext.RequestServices"/>.
/// </summary>
/// <param name="Name">The function name in the Functions app, and the operation id in the OpenAPI document.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Contract">What the route takes and answers, as the OpenAPI document describes it.</param>
public sealed partial record HttpFunction(
    string Name, string Method, string Route, RouteAccess Access, Func<HttpContext, DurableTaskClient, Task<IResult>> Handle, HttpContract Contract)
{
    /// <summary>
    /// The URL path the route matches, as the OpenAPI document names it: <c>/</c> and the route, without parameter
    /// constraints, and without a parameter that matches only the empty path (the site root's, which a Functions route
    /// cannot leave empty).
    /// </summary>
    public string Path => "/" + ConstrainedParameter().Replace(EmptyOnlyParameter().Replace(Route, string.Empty), "{${name}}");

    [GeneratedRegex(@"\{[^}:]+:maxlength\(0\)\?\}", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyOnlyParameter();

    [GeneratedRegex(@"\{(?<name>[^}:?]+)[:?][^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex ConstrainedParameter();
}
