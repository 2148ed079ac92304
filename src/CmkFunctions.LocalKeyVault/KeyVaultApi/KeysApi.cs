using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>Keys: create, get, list, versions, update, rotate, delete.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        app.MapPost("/keys/{name}/create", CreateKey).RequiresKeyPermission(KeyPermissions.Create);
        app.MapGet("/keys", ListKeys).RequiresKeyPermission(KeyPermissions.List);
        app.MapGet("/keys/{name}/versions", ListKeyVersions).RequiresKeyPermission(KeyPermissions.List);
        app.MapGet("/keys/{name}/{version?}", GetKey).RequiresKeyPermission(KeyPermissions.Get);
        app.MapMethods("/keys/{name}/{version?}", [HttpMethods.Patch], UpdateKey).RequiresKeyPermission(KeyPermissions.Update);
        app.MapPost("/keys/{name}/rotate", RotateKey).RequiresKeyPermission(KeyPermissions.Rotate);
        app.MapDelete("/keys/{name}", DeleteKey).RequiresKeyPermission(KeyPermissions.Delete);
        return app;
    }

    private static Ok<KeyBundle> CreateKey(string name, KeyCreateParameters? body, VaultCall call)
    {
        var (key, version) = call.Vault.CreateKey(name, new KeyCreation(
            body?.Kty,
            body?.KeySize,
            body?.Crv,
            body?.KeyOps,
            body?.Attributes?.Enabled,
            body?.Attributes?.Nbf,
            body?.Attributes?.Exp,
            body?.Tags));
        return TypedResults.Ok(KeyBundleMapper.Bundle(call.Vault, key, version));
    }

    private static Ok<KeyBundle> GetKey(string name, string? version, VaultCall call)
    {
        var (key, found) = call.Vault.GetKey(name, version);
        return TypedResults.Ok(KeyBundleMapper.Bundle(call.Vault, key, found));
    }

    private static Ok<Page<KeyItem>> ListKeys(
        [FromQuery(Name = "maxresults")] int? maxResults,
        [FromQuery(Name = "$skiptoken")] string? skipToken,
        VaultCall call)
    {
        var items = call.Vault.ListKeys().Select(k => KeyBundleMapper.KeyItem(call.Vault, k)).ToList();
        return TypedResults.Ok(Paging.Page(items, maxResults, skipToken, call, "keys"));
    }

    private static Ok<Page<KeyItem>> ListKeyVersions(
        string name,
        [FromQuery(Name = "maxresults")] int? maxResults,
        [FromQuery(Name = "$skiptoken")] string? skipToken,
        VaultCall call)
    {
        var key = call.Vault.ListVersions(name);
        var items = key.Versions.Select(v => KeyBundleMapper.VersionItem(call.Vault, key, v)).ToList();
        return TypedResults.Ok(Paging.Page(items, maxResults, skipToken, call, $"keys/{key.Name}/versions"));
    }

    private static Ok<KeyBundle> UpdateKey(string name, string? version, KeyUpdateParameters? body, VaultCall call)
    {
        var (key, updated) = call.Vault.UpdateKey(name, version, new KeyUpdate(
            body?.KeyOps,
            body?.Attributes?.Enabled,
            body?.Attributes?.Nbf,
            body?.Attributes?.Exp,
            body?.Tags));
        return TypedResults.Ok(KeyBundleMapper.Bundle(call.Vault, key, updated));
    }

    private static Ok<KeyBundle> RotateKey(string name, VaultCall call)
    {
        var (key, version) = call.Vault.RotateKey(name);
        return TypedResults.Ok(KeyBundleMapper.Bundle(call.Vault, key, version));
    }

    private static Ok<DeletedKeyBundle> DeleteKey(string name, VaultCall call) =>
        TypedResults.Ok(KeyBundleMapper.DeletedBundle(call.Vault, call.Vault.DeleteKey(name)));
}
