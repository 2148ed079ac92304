namespace CmkFunctions.Core.Validation;

/// <summary>A key vault's protection against deletion, as its <c>recoveryLevel</c> reports it.</summary>
public readonly record struct VaultProtection(bool SoftDelete, bool PurgeProtection)
{
    /// <summary>
    /// Maps a Key Vault <c>recoveryLevel</c>: <c>Purgeable</c> has neither; <c>Recoverable+Purgeable</c> and
    /// <c>CustomizedRecoverable+Purgeable</c> have soft delete only; <c>Recoverable</c>, <c>CustomizedRecoverable</c> and
    /// their <c>+ProtectedSubscription</c> forms have both.
    /// </summary>
    public static bool TryFromRecoveryLevel(string? recoveryLevel, out VaultProtection protection)
    {
        VaultProtection? known = recoveryLevel switch
        {
            "Purgeable" => new(SoftDelete: false, PurgeProtection: false),
            "Recoverable+Purgeable" or "CustomizedRecoverable+Purgeable" => new(SoftDelete: true, PurgeProtection: false),
            "Recoverable" or "Recoverable+ProtectedSubscription"
                or "CustomizedRecoverable" or "CustomizedRecoverable+ProtectedSubscription" => new(SoftDelete: true, PurgeProtection: true),
            _ => null,
        };
        protection = known.GetValueOrDefault();
        return known is not null;
    }
}
