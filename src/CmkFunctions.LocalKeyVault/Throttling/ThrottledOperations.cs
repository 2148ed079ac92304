using System.Globalization;
using System.Text.Json;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Throttling;

/// <summary>
/// Prices a data-plane request before its handler runs: its budget from the operation's permission, its limit from
/// the key it names (type and size or curve of that version; the create body's <c>kty</c> for a create).
/// </summary>
public static class ThrottledOperations
{
    private const string SoftwareKeyType = KeyTypes.Rsa;

    public static async Task<ThrottledOperation> DescribeAsync(HttpContext context, Vault vault, string permission)
    {
        var name = context.Request.RouteValues["name"] as string;
        var version = context.Request.RouteValues["version"] as string;
        var found = name is null ? null : vault.FindVersion(name, version);
        if (permission is KeyPermissions.Create)
        {
            return new ThrottledOperation(ThrottleBudget.Creates, await RequestedKeyTypeAsync(context.Request));
        }

        if (permission is KeyPermissions.Rotate)
        {
            return new ThrottledOperation(ThrottleBudget.Creates, KeyType(found));
        }

        var budget = permission is KeyPermissions.WrapKey or KeyPermissions.UnwrapKey or KeyPermissions.Encrypt or KeyPermissions.Decrypt
            ? ThrottleBudget.Cryptography
            : ThrottleBudget.Other;
        return new ThrottledOperation(
            budget,
            found is null ? ThrottlingSettings.VaultOperationLimit : $"{KeyType(found)}-{found.Curve ?? found.KeySize.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string KeyType(KeyVersionRecord? version) => version?.KeyType ?? SoftwareKeyType;

    // Only the create body says which key type it makes; it is read here and rewound for the handler.
    private static async Task<string> RequestedKeyTypeAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("kty", out var keyType)
                && keyType.ValueKind == JsonValueKind.String
                && keyType.GetString() is KeyTypes.RsaHsm or KeyTypes.Ec or KeyTypes.EcHsm
                ? keyType.GetString()!
                : SoftwareKeyType;
        }
        catch (JsonException)
        {
            return SoftwareKeyType;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
