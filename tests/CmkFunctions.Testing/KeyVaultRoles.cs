namespace CmkFunctions.Testing;

/// <summary>Azure's built-in Key Vault roles by their real role definition GUIDs, for <see cref="LocalKeyVaultAdmin.AssignRoleAsync"/>.</summary>
public static class KeyVaultRoles
{
    /// <summary>Every data action on the vault's keys, secrets and certificates.</summary>
    public const string Administrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";

    /// <summary>Every data action on keys.</summary>
    public const string CryptoOfficer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";

    /// <summary>Read, update, backup, encrypt, decrypt, wrap, unwrap, sign and verify with keys.</summary>
    public const string CryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";

    /// <summary>Read keys, wrap and unwrap: what a customer-managed key's user needs.</summary>
    public const string CryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

    /// <summary>Read metadata only: get and list keys, but no cryptographic operation.</summary>
    public const string Reader = "21090545-7ca7-4776-b22c-e363652d74d2";
}
