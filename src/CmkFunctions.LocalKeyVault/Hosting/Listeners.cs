using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.SignIn;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Hosting;

public enum ListenerRole
{
    ManagedIdentity,
    Management,
    Vault,
}

/// <summary>
/// Which surface each port serves: one port per vault, one for management (ARM paths, sign-in metadata and the tool's
/// <c>/_local</c> switches), one (plain HTTP) for tokens.
/// </summary>
public sealed class Listeners(ToolSettings settings, VaultRegistry vaults)
{
    public ListenerRole? RoleOf(int port) =>
        port == settings.IdentityPort ? ListenerRole.ManagedIdentity
        : port == settings.ManagementPort ? ListenerRole.Management
        : vaults.ByPort(port) is not null ? ListenerRole.Vault
        : null;

    /// <summary>Paths a surface serves; anything else on its port is a 404 before routing.</summary>
    public static bool Serves(ListenerRole role, PathString path) => role switch
    {
        ListenerRole.ManagedIdentity => path.StartsWithSegments("/msi", StringComparison.OrdinalIgnoreCase),
        ListenerRole.Management => path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase)
            || OpenIdMetadata.Serves(path)
            || path.StartsWithSegments(ControlApi.PathPrefix, StringComparison.OrdinalIgnoreCase),
        _ => path.StartsWithSegments("/keys", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/deletedkeys", StringComparison.OrdinalIgnoreCase),
    };
}
