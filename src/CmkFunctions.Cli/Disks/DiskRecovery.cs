using System.CommandLine;
using Azure.Core;
using Azure.Storage.Blobs;
using CmkFunctions.Cli.Service;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Disks;

namespace CmkFunctions.Cli.Disks;

/// <summary>
/// <c>cmk disk recover</c>: a disk's plaintext from its storage account and its key alone, with no CmkFunctions service
/// running (the format is in docs/disk-format.md). Reads the disk's metadata blob, unwraps its resource key in Key Vault
/// as the caller (the customer's key, or the platform key for a Microsoft-managed disk), unwraps the DEK, then decrypts
/// and checks every chunk with the service's own reader. The file is written whole or not at all.
/// </summary>
internal static class DiskRecovery
{
    private static readonly Option<string> Storage = new("--storage")
    {
        Description = "The storage account: a connection string, or its blob endpoint URL (signed in as the caller).",
        Required = true,
    };

    private static readonly Option<string> Container = new("--container")
    {
        Description = "The service's disks container (Cmk:DisksContainer).",
        DefaultValueFactory = _ => "disks",
    };

    private static readonly Option<string> Resource = new("--resource") { Description = "The resource's name.", Required = true };

    private static readonly Option<string> Disk = new("--disk") { Description = "The disk's name.", Required = true };

    private static readonly Option<string> File = new("--file") { Description = "Where to write the plaintext.", Required = true };

    private static readonly Option<string?> CaCertificate = new("--ca-cert")
    {
        Description = "A PEM file of one more CA to trust for Key Vault's TLS certificate (a local Key Vault's).",
    };

    private static readonly Option<bool> DisableChallengeResourceVerification = new("--disable-challenge-resource-verification")
    {
        Description = "Accept a Key Vault whose authentication challenge names a resource outside its host (a local Key Vault).",
    };

    public static Command Create()
    {
        var command = new Command("recover", "Recover a disk's plaintext straight from blob storage and Key Vault, without the service.")
        {
            Storage, Container, Resource, Disk, File, CaCertificate, DisableChallengeResourceVerification,
        };
        command.Run(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var credential = Credentials.For(parse.GetValue(GlobalOptions.ClientId));
        var (resource, disk) = (parse.GetValue(Resource)!, parse.GetValue(Disk)!);
        var store = new DiskStore(ContainerClient(parse.GetValue(Storage)!, parse.GetValue(Container)!, credential));
        var keys = new KeyVaultKeyResolver(credential, KeyVaultOptions(parse));
        using var content = await DiskContentReader.OpenWithKeyAsync(store, resource, disk, keys, cancellationToken)
            ?? throw new CommandFailedException(
                ExitCodes.Refused, $"Disk '{disk}' of resource '{resource}' has no metadata in container '{parse.GetValue(Container)}': it does not exist or was never provisioned.");
        await OutputFile.WriteAsync(parse.GetValue(File)!, async file =>
        {
            await foreach (var piece in content.ReadAsync(0, content.Length, cancellationToken))
            {
                await file.WriteAsync(piece, cancellationToken);
            }
        });
        await Console.Error.WriteLineAsync($"Recovered {content.Length} bytes of disk '{disk}' of resource '{resource}' into {parse.GetValue(File)}.");
        return ExitCodes.Success;
    }

    private static BlobContainerClient ContainerClient(string storage, string container, TokenCredential credential)
    {
        if (Uri.TryCreate(storage, UriKind.Absolute, out var account) && account.Scheme is "https" or "http")
        {
            return new BlobServiceClient(account, credential).GetBlobContainerClient(container);
        }

        try
        {
            return new BlobServiceClient(storage).GetBlobContainerClient(container);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            throw CommandFailedException.Usage($"--storage is neither a blob endpoint URL nor a connection string: {exception.Message}");
        }
    }

    private static KeyVaultClientOptions KeyVaultOptions(ParseResult parse)
    {
        var options = new KeyVaultClientOptions { DisableChallengeResourceVerification = parse.GetValue(DisableChallengeResourceVerification) };
        if (parse.GetValue(CaCertificate) is { Length: > 0 } caCertificate)
        {
            options.Transport = TrustedCaTransport.Create(caCertificate);
        }

        return options;
    }
}
