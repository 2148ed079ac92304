using System.Collections.Frozen;
using CmkFunctions.Workflows.Api;
using CmkFunctions.Workflows.Api.Callers;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Functions.Invocation;

/// <summary>
/// Runs an <c>[HttpTrigger]</c> wrapper's shared handler from <see cref="HttpFunctions.All"/>, chosen by function name
/// and request method. The ASP.NET Core integration routes the request through the function's own route template, so
/// <see cref="HttpRequest.RouteValues"/> already holds the route parameters. The gate writes the response itself (the
/// wrapper returns an empty result), so both hosts authenticate, authorize and audit alike.
/// </summary>
internal static class HttpInvocation
{
    private static readonly FrozenDictionary<(string Name, string Method), HttpFunction> Functions =
        HttpFunctions.All.ToFrozenDictionary(function => (function.Name, function.Method.ToUpperInvariant()));

    public static async Task<IResult> HandleAsync(this HttpRequest request, string functionName, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Functions.TryGetValue((functionName, request.Method.ToUpperInvariant()), out var function))
        {
            throw new InvalidOperationException($"HttpFunctions.All has no {request.Method} function named '{functionName}'.");
        }

        await function.RunAsync(request.HttpContext, client);
        return Results.Empty;
    }
}
