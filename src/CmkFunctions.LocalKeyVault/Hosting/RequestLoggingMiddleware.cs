namespace CmkFunctions.LocalKeyVault.Hosting;

/// <summary>One line per request: port, method, path and status. Never headers, query or bodies (tokens, key material).</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            logger.LogInformation(
                ":{Port} {Method} {Path} {Status}",
                context.Connection.LocalPort,
                context.Request.Method,
                context.Request.Path,
                context.Response.StatusCode);
        }
    }
}
