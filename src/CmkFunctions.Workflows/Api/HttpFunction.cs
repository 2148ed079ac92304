using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// One HTTP-triggered function of the API, mapped by both hosts at the same path: <paramref name="Route"/> is the whole
/// path template (<c>api/resources/{name}</c>), so the Functions app runs with an empty route prefix. A handler reads
/// route values from <see cref="HttpRequest.RouteValues"/> and its services from <see cref="HttpContext.RequestServices"/>.
/// </summary>
/// <param name="Name">The function name in the Functions app.</param>
/// <param name="Method">The HTTP method, upper case.</param>
public sealed record HttpFunction(string Name, string Method, string Route, Func<HttpContext, DurableTaskClient, Task<IResult>> Handle);
