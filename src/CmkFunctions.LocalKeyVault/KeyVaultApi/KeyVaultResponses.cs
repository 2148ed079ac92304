using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>Writes Key Vault's error body and its 401 challenge.</summary>
public static class KeyVaultResponses
{
    public const string VaultResource = "https://vault.azure.net";

    public static Task WriteError(HttpContext context, KeyVaultErrorException error)
    {
        context.Response.StatusCode = error.Status;
        var inner = error.InnerCode is null ? null : new KeyVaultInnerError(error.InnerCode);
        return context.Response.WriteAsJsonAsync(new KeyVaultErrorBody(new KeyVaultError(error.Code, error.Message, inner)));
    }

    public static Task WriteChallenge(HttpContext context, string tenantId, string message)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization=\"https://login.microsoftonline.com/{tenantId}\", resource=\"{VaultResource}\"";
        return WriteError(context, new KeyVaultErrorException(401, "Unauthorized", message));
    }
}
