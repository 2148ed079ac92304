using CmkFunctions.Workflows.Records;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// Runs an HTTP function for its caller, the same in both hosts: a bearer token (401 with a <c>WWW-Authenticate</c>
/// challenge), one of the route's roles (403), a resource or operation of the caller's own tenant (another tenant's is
/// a 404, the same answer as for one that does not exist), then the handler; audited routes leave one audit record.
/// </summary>
public static class ApiGate
{
    public static async Task RunAsync(this HttpFunction function, HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(http);
        if (function.Access.IsPublic)
        {
            await (await function.Handle(http, client)).ExecuteAsync(http);
            return;
        }

        var authentication = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var caller = authentication.Succeeded ? ApiCaller.From(authentication.Principal) : null;
        if (caller is null)
        {
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            await Problems.Unauthenticated(authentication.Failure?.Message).ExecuteAsync(http);
            Audit(function, http, caller, "unauthenticated");
            return;
        }

        http.User = authentication.Principal!;
        http.Features.Set(caller);
        try
        {
            var refusal = caller.HasAnyOf(function.Access.AnyOfRoles)
                ? await TenantRefusalAsync(http, caller)
                : Problems.Forbidden(function.Name, function.Access.AnyOfRoles);
            await (refusal ?? await function.Handle(http, client)).ExecuteAsync(http);
            Audit(function, http, caller, refusal is null ? OutcomeOf(http.Response.StatusCode) : "denied");
        }
        catch
        {
            Audit(function, http, caller, "failed");
            throw;
        }
    }

    /// <summary>Another tenant's resource or operation looks exactly like one that does not exist.</summary>
    private static async Task<IResult?> TenantRefusalAsync(HttpContext http, ApiCaller caller)
    {
        var values = http.Request.RouteValues;
        if (values.ContainsKey("id") && !ResourceOperations.IsVisibleTo(http.Id(), caller))
        {
            return Problems.OperationNotFound(http.Id());
        }

        if (!values.ContainsKey("name"))
        {
            return null;
        }

        var name = http.Name();
        var record = await http.RequestServices.GetRequiredService<ResourceRecords>().GetAsync(name, http.RequestAborted);
        http.Features.Set(new RouteResource(record));
        if (record is null || caller.Owns(record.TenantId))
        {
            return null;
        }

        return HttpMethods.IsPut(http.Request.Method) && !values.ContainsKey("disk")
            ? Problems.NameNotAvailable(name)
            : Problems.ResourceNotFound(name);
    }

    private static string OutcomeOf(int status) => status switch
    {
        < 400 => "succeeded",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "denied",
        < 500 => "refused",
        _ => "failed",
    };

    private static void Audit(HttpFunction function, HttpContext http, ApiCaller? caller, string outcome)
    {
        if (!function.Access.Audited)
        {
            return;
        }

        var values = http.Request.RouteValues;
        var operation = http.Response.Headers[Links.AsyncOperationHeader].ToString();
        http.RequestServices.GetRequiredService<AuditLog>().Write(new AuditRecord(
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            caller?.TenantId,
            caller?.ObjectId,
            function.Name,
            values.TryGetValue("name", out var name) ? name?.ToString() : null,
            values.TryGetValue("disk", out var disk) ? disk?.ToString() : null,
            RangeOf(http),
            outcome,
            http.Response.StatusCode,
            string.IsNullOrEmpty(operation) ? null : operation[(operation.LastIndexOf('/') + 1)..]));
    }

    /// <summary>The byte range a disk-data request named: <c>Range</c> on reads, <c>Content-Range</c> on writes.</summary>
    private static string? RangeOf(HttpContext http)
    {
        var range = HttpMethods.IsGet(http.Request.Method) ? http.Request.Headers.Range.ToString() : http.Request.Headers.ContentRange.ToString();
        return string.IsNullOrEmpty(range) ? null : range;
    }
}
