using Azure.Core;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

/// <summary>The test configuration's vaults, and clients for them.</summary>
internal static class LocalVaults
{
    /// <summary>eastus, soft delete and purge protection, 90 days.</summary>
    public const string Demo = "cmkdemo";

    /// <summary>eastus, soft delete without purge protection: keys can be purged.</summary>
    public const string NoPurge = "cmknopurge";

    /// <summary>eastus, like <see cref="Demo"/> but authorizing by Azure RBAC role assignments instead of access policies.</summary>
    public const string Rbac = "cmkrbac";

    public static KeyVaultClient Client(this IntegrationFixture fixture, string vault, TokenCredential? credential = null) =>
        new(fixture.KeyVault.VaultUri(vault), credential ?? fixture.Credentials.Admin, fixture.CreateKeyVaultClientOptions());

    /// <summary>A key name no other test uses.</summary>
    public static string UniqueKeyName(string purpose) => $"{purpose}-{Guid.NewGuid().ToString("N")[..12]}";
}
