using System.Collections.Frozen;
using CmkFunctions.Workflows.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Functions.Invocation;

/// <summary>
/// Runs an <c>[HttpTrigger]</c> wrapper's shared handler from <see cref="HttpFunctions.All"/>, chosen by function name
/// and request method. The ASP.NET Core integration routes the request through the function's own route template, so
/// <see cref="HttpRequest.RouteValues"/> already holds the route parameters, and it executes the <see cref="IResult"/>
/// the wrapper returns.
/// </summary>
internal static class HttpInvocation
{
    private static readonly FrozenDictionary<(string Name, string Method), HttpFunction> Functions =
        HttpFunctions.All.ToFrozenDictionary(function => (function.Name, function.Method.ToUpperInvariant()));

    public static Task<IResult> HandleAsync(this HttpRequest request, string functionName, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Functions.TryGetValue((functionName, request.Method.ToUpperInvariant()), out var function))
        {
            throw new InvalidOperationException($"HttpFunctions.All has no {request.Method} function named '{functionName}'.");
        }

        return function.Handle(request.HttpContext, client);
    }
}
