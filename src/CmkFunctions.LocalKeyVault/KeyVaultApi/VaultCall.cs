using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>
/// An authenticated, authorized data-plane request: the vault its port belongs to and the caller. Set by
/// <see cref="VaultAccessMiddleware"/> before any handler runs; handlers take it as a parameter.
/// </summary>
public sealed record VaultCall(Vault Vault, Caller Caller, string ApiVersion)
{
    public static ValueTask<VaultCall?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<VaultCall>());
}

/// <summary>Endpoint metadata: the access-policy key permission an operation needs.</summary>
public sealed record KeyPermissionRequirement(string Permission);

public static class KeyPermissionRequirementExtensions
{
    public static RouteHandlerBuilder RequiresKeyPermission(this RouteHandlerBuilder builder, string permission) =>
        builder.WithMetadata(new KeyPermissionRequirement(permission));
}
