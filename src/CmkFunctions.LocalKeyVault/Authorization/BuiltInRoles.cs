namespace CmkFunctions.LocalKeyVault.Authorization;

/// <summary>A role definition: its GUID, its name, and the data actions it allows (<c>*</c> matches any text).</summary>
public sealed record RoleDefinition(string Id, string Name, IReadOnlyList<string> DataActions);

/// <summary>Azure's built-in Key Vault roles, with their real GUIDs and data actions; the only roles this tool knows.</summary>
public static class BuiltInRoles
{
    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        new("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", ["Microsoft.KeyVault/vaults/*"]),
        new("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
            ["Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"]),
        new("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
        [
            "Microsoft.KeyVault/vaults/keys/read",
            "Microsoft.KeyVault/vaults/keys/update/action",
            "Microsoft.KeyVault/vaults/keys/backup/action",
            "Microsoft.KeyVault/vaults/keys/encrypt/action",
            "Microsoft.KeyVault/vaults/keys/decrypt/action",
            "Microsoft.KeyVault/vaults/keys/wrap/action",
            "Microsoft.KeyVault/vaults/keys/unwrap/action",
            "Microsoft.KeyVault/vaults/keys/sign/action",
            "Microsoft.KeyVault/vaults/keys/verify/action",
        ]),
        new("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
            ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"]),
        new("08bbd89e-9f13-488c-ac41-acfcb10c90ab", "Key Vault Crypto Service Release User", ["Microsoft.KeyVault/vaults/keys/release/action"]),
        new("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
            ["Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
        new("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "Key Vault Certificate User",
        [
            "Microsoft.KeyVault/vaults/certificates/read",
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "Microsoft.KeyVault/vaults/keys/read",
        ]),
        new("a4417e6f-fecd-4de8-b567-7b0420556985", "Key Vault Certificates Officer",
        [
            "Microsoft.KeyVault/vaults/certificatecas/*",
            "Microsoft.KeyVault/vaults/certificates/*",
            "Microsoft.KeyVault/vaults/certificatecontacts/write",
        ]),
        new("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer", ["Microsoft.KeyVault/vaults/secrets/*"]),
        new("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
            ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
        new("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor", []),
        new("8b54135c-b56d-4d72-a534-26097cfdc8d8", "Key Vault Data Access Administrator", []),
    ];

    public static RoleDefinition? Find(string id) =>
        All.FirstOrDefault(role => string.Equals(role.Id, id, StringComparison.OrdinalIgnoreCase));

    public static RoleDefinition? FindByName(string name) =>
        All.FirstOrDefault(role => string.Equals(role.Name, name, StringComparison.OrdinalIgnoreCase));
}
