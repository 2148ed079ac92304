using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>Stored keys to Key Vault's JSON: kids carry the vault's URL, attributes its recovery level.</summary>
public static class KeyBundleMapper
{
    public static KeyBundle Bundle(Vault vault, KeyRecord key, KeyVersionRecord version) =>
        new(WebKey(vault, key, version), Attributes(vault.Record, version.Attributes), version.Tags);

    public static DeletedKeyBundle DeletedBundle(Vault vault, KeyRecord key)
    {
        var latest = key.Latest;
        return new DeletedKeyBundle(
            WebKey(vault, key, latest),
            Attributes(vault.Record, latest.Attributes),
            latest.Tags,
            key.Deleted is null ? null : vault.RecoveryIdentifier(key.Name),
            key.Deleted?.DeletedDate,
            key.Deleted?.ScheduledPurgeDate);
    }

    public static KeyItem KeyItem(Vault vault, KeyRecord key) =>
        new(vault.KeyIdentifier(key.Name), Attributes(vault.Record, key.Latest.Attributes), key.Latest.Tags);

    public static KeyItem VersionItem(Vault vault, KeyRecord key, KeyVersionRecord version) =>
        new(vault.KeyIdentifier(key.Name, version.Version), Attributes(vault.Record, version.Attributes), version.Tags);

    public static DeletedKeyItem DeletedItem(Vault vault, KeyRecord key) => new(
        vault.KeyIdentifier(key.Name),
        Attributes(vault.Record, key.Latest.Attributes),
        key.Latest.Tags,
        vault.RecoveryIdentifier(key.Name),
        key.Deleted!.DeletedDate,
        key.Deleted.ScheduledPurgeDate);

    private static JsonWebKey WebKey(Vault vault, KeyRecord key, KeyVersionRecord version) => new(
        vault.KeyIdentifier(key.Name, version.Version),
        version.KeyType,
        version.KeyOperations,
        version.Modulus,
        version.Exponent,
        version.Curve,
        version.X,
        version.Y);

    private static KeyAttributes Attributes(VaultRecord vault, KeyAttributesRecord attributes) => new(
        attributes.Enabled,
        attributes.NotBefore,
        attributes.Expires,
        attributes.Created,
        attributes.Updated,
        RecoveryLevels.For(vault),
        RecoveryLevels.RecoverableDays(vault),
        Exportable: false);
}
