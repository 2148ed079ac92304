using System.Buffers.Text;
using System.Security.Cryptography;
using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>
/// wrapkey, unwrapkey, encrypt and decrypt, on a key version or (versionless path) the latest version.
/// Plaintext buffers are zeroed once encoded; only the response carries them.
/// </summary>
public static class KeyOperationsApi
{
    private sealed record Operation(string Segment, string Name, bool Encrypts);

    private static readonly Operation[] Operations =
    [
        new("wrapkey", KeyPermissions.WrapKey, Encrypts: true),
        new("unwrapkey", KeyPermissions.UnwrapKey, Encrypts: false),
        new("encrypt", KeyPermissions.Encrypt, Encrypts: true),
        new("decrypt", KeyPermissions.Decrypt, Encrypts: false),
    ];

    public static IEndpointRouteBuilder MapKeyOperations(this IEndpointRouteBuilder app)
    {
        foreach (var operation in Operations)
        {
            app.MapPost($"/keys/{{name}}/{operation.Segment}", (string name, KeyOperationParameters? body, VaultCall call) =>
                Run(operation, name, null, body, call)).RequiresKeyPermission(operation.Name);
            app.MapPost($"/keys/{{name}}/{{version}}/{operation.Segment}", (string name, string version, KeyOperationParameters? body, VaultCall call) =>
                Run(operation, name, version, body, call)).RequiresKeyPermission(operation.Name);
        }

        return app;
    }

    private static Ok<KeyOperationResult> Run(Operation operation, string name, string? version, KeyOperationParameters? body, VaultCall call)
    {
        var padding = RsaKeyMaterial.Padding(body?.Alg);
        var input = Decode(body?.Value);
        var (key, found) = call.Vault.KeyForOperation(name, version, operation.Name, body!.Alg!);
        byte[]? output = null;
        try
        {
            output = operation.Encrypts
                ? RsaKeyMaterial.Encrypt(found, padding, input)
                : RsaKeyMaterial.Decrypt(found, padding, input);
            return TypedResults.Ok(new KeyOperationResult(call.Vault.KeyIdentifier(key.Name, found.Version), Base64Url.EncodeToString(output)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(operation.Encrypts ? input : output);
        }
    }

    private static byte[] Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw KeyVaultErrors.BadParameter("Property 'value' is required.");
        }

        try
        {
            return Base64Url.DecodeFromChars(value.TrimEnd('='));
        }
        catch (FormatException)
        {
            throw KeyVaultErrors.BadParameter("Property 'value' is not valid base64url.");
        }
    }
}
