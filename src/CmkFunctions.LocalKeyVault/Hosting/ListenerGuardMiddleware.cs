namespace CmkFunctions.LocalKeyVault.Hosting;

/// <summary>
/// Keeps each port to its own surface and records its role for the gates behind it. It also collapses empty path
/// segments: SDKs send <c>/keys/k//wrapkey</c> and <c>/keys/k/</c> for "latest version", which Key Vault accepts.
/// </summary>
public sealed class ListenerGuardMiddleware(RequestDelegate next, Listeners listeners)
{
    public Task InvokeAsync(HttpContext context)
    {
        var role = listeners.RoleOf(context.Connection.LocalPort);
        var path = context.Request.Path.Value ?? "/";
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        context.Request.Path = path.Length > 1 ? path.TrimEnd('/') : path;
        if (role is null || !Listeners.Serves(role.Value, context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Items[typeof(ListenerRole)] = role.Value;
        return next(context);
    }

    public static bool Is(HttpContext context, ListenerRole role) =>
        context.Items.TryGetValue(typeof(ListenerRole), out var value) && value is ListenerRole found && found == role;
}
