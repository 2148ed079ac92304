using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Key Vault's <c>recoveryLevel</c> and <c>recoverableDays</c>, which follow from the vault's settings.</summary>
public static class RecoveryLevels
{
    private const int DefaultRetentionDays = 90;

    public static string For(VaultRecord vault)
    {
        if (!vault.EnableSoftDelete)
        {
            return "Purgeable";
        }

        var level = vault.EnablePurgeProtection ? "Recoverable" : "Recoverable+Purgeable";
        return vault.SoftDeleteRetentionInDays < DefaultRetentionDays ? "Customized" + level : level;
    }

    public static int RecoverableDays(VaultRecord vault) => vault.EnableSoftDelete ? vault.SoftDeleteRetentionInDays : 0;
}
