using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.Cli.Tests;

/// <summary>What the command-line tests set up: a source blob to fill a disk from, a key and an identity, a create command line.</summary>
public sealed class CliScenario(CliTestFixture fixture)
{
    public const string Disk = "cache0";

    /// <summary>Four 64 KiB chunks, the last one partly past the source: the disk is the source then zeros.</summary>
    public const long DiskSize = 262_144;

    private readonly byte[] _source = RandomNumberGenerator.GetBytes(200_000);

    public LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    /// <summary>What the disk holds: the source, then zeros up to its size.</summary>
    public byte[] ExpectedDisk()
    {
        var disk = new byte[DiskSize];
        _source.CopyTo(disk, 0);
        return disk;
    }

    /// <returns>The source blob's URL, as a user gives it in <c>--disk name:kind:size:sourceUri</c>.</returns>
    public async Task<Uri> UploadSourceAsync()
    {
        var container = new BlobServiceClient(fixture.Integration.AzuriteConnectionString).GetBlobContainerClient("sources");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(CliTestFixture.Unique("source"));
        await blob.UploadAsync(BinaryData.FromBytes(_source));
        return blob.Uri;
    }

    /// <summary>A new RSA 2048 key (versioned id) and a new user-assigned identity, granted nothing yet.</summary>
    public async Task<(KeyVaultKeyIdentifier Key, ManagedIdentity Identity)> KeyAndIdentityAsync()
    {
        var key = await Admin.CreateKeyAsync(CliTestFixture.DemoVault, CliTestFixture.Unique("k"));
        var identity = await Admin.CreateUserAssignedIdentityAsync(CliTestFixture.Unique("id"));
        return (key, identity);
    }

    /// <summary>Grants the identity Get, Wrap Key and Unwrap Key in the demo vault, as the customer would.</summary>
    public Task GrantAsync(ManagedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Admin.AddAccessPolicyAsync(CliTestFixture.DemoVault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
    }

    /// <summary><c>cmk resource create</c> for an HPC Cache pinned to <paramref name="key"/>, one disk filled from <paramref name="source"/>.</summary>
    public string[] CreateHpcCache(string name, KeyVaultKeyIdentifier key, ManagedIdentity identity, Uri source, params string[] more)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return
        [
            "resource", "create", name,
            "--kind", "hpc-cache",
            "--region", "eastus",
            "--subscription", fixture.Integration.KeyVault.SubscriptionId,
            "--key-source", "Microsoft.KeyVault",
            "--key-uri", key.ToString(),
            "--vault-id", fixture.Integration.KeyVault.VaultResourceId(CliTestFixture.DemoVault),
            "--identity", "user",
            "--identity-client-id", identity.ClientId,
            "--disk", string.Create(CultureInfo.InvariantCulture, $"{Disk}:data:{DiskSize}:{source}"),
            .. more,
        ];
    }
}
