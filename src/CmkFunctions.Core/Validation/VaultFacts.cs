namespace CmkFunctions.Core.Validation;

/// <summary>What was observed about the key vault a request names.</summary>
public sealed record VaultFacts(string Location, string SubscriptionId, bool SoftDeleteEnabled, bool PurgeProtectionEnabled)
{
    /// <exception cref="FormatException"><paramref name="recoveryLevel"/> is not a Key Vault recovery level.</exception>
    public static VaultFacts FromRecoveryLevel(string location, string subscriptionId, string recoveryLevel) =>
        VaultProtection.TryFromRecoveryLevel(recoveryLevel, out var protection)
            ? new(location, subscriptionId, protection.SoftDelete, protection.PurgeProtection)
            : throw new FormatException($"'{recoveryLevel}' is not a Key Vault recovery level.");
}
