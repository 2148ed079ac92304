using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>Soft-deleted keys: list, get, recover, purge.</summary>
public static class DeletedKeysApi
{
    public static IEndpointRouteBuilder MapDeletedKeys(this IEndpointRouteBuilder app)
    {
        app.MapGet("/deletedkeys", ListDeletedKeys).RequiresKeyPermission(KeyPermissions.List);
        app.MapGet("/deletedkeys/{name}", GetDeletedKey).RequiresKeyPermission(KeyPermissions.Get);
        app.MapPost("/deletedkeys/{name}/recover", RecoverDeletedKey).RequiresKeyPermission(KeyPermissions.Recover);
        app.MapDelete("/deletedkeys/{name}", PurgeDeletedKey).RequiresKeyPermission(KeyPermissions.Purge);
        return app;
    }

    private static Ok<Page<DeletedKeyItem>> ListDeletedKeys(
        [FromQuery(Name = "maxresults")] int? maxResults,
        [FromQuery(Name = "$skiptoken")] string? skipToken,
        VaultCall call)
    {
        var items = call.Vault.ListDeletedKeys().Select(k => KeyBundleMapper.DeletedItem(call.Vault, k)).ToList();
        return TypedResults.Ok(Paging.Page(items, maxResults, skipToken, call, "deletedkeys"));
    }

    private static Ok<DeletedKeyBundle> GetDeletedKey(string name, VaultCall call) =>
        TypedResults.Ok(KeyBundleMapper.DeletedBundle(call.Vault, call.Vault.GetDeletedKey(name)));

    private static Ok<KeyBundle> RecoverDeletedKey(string name, VaultCall call)
    {
        var key = call.Vault.RecoverKey(name);
        return TypedResults.Ok(KeyBundleMapper.Bundle(call.Vault, key, key.Latest));
    }

    private static NoContent PurgeDeletedKey(string name, VaultCall call)
    {
        call.Vault.PurgeKey(name);
        return TypedResults.NoContent();
    }
}
