using CmkFunctions.Core.Keys;

namespace CmkFunctions.Host.Grains;

/// <summary>The <see cref="IKeyGrain"/> key of a Key Vault key: its versionless id, lower case (vault hosts and key names are case-insensitive).</summary>
public static class KeyGrainKeys
{
    public static string For(KeyVaultKeyIdentifier keyId) => keyId.VersionlessId.AbsoluteUri.ToLowerInvariant();
}
