using System.CommandLine;
using CmkFunctions.Cli.Operations;
using CmkFunctions.Cli.Service;
using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Api.Wire;

namespace CmkFunctions.Cli.Resources;

/// <summary>
/// <c>cmk resource encryption update NAME</c>: <c>PATCH /api/resources/{name}/encryption</c> with the members given
/// (<see cref="EncryptionChangeBody"/>). <c>--key-version V</c> moves to version V of the key given or in use.
/// </summary>
internal static class EncryptionCommands
{
    private static readonly Option<string?> KeyUri = new("--key-uri") { Description = "Another key (versionless to follow it, versioned to pin it)." };

    private static readonly Option<string?> KeyVersion = new("--key-version") { Description = "A version of --key-uri, or of the key in use: pins the resource to it." };

    private static readonly Option<string?> VaultId = new("--vault-id") { Description = "The key vault's ARM resource id, when the key is in another vault." };

    private static readonly Option<string?> KeySource = new("--key-source") { Description = "Microsoft.KeyVault or Microsoft.Platform, where the kind may switch." };

    private static readonly Option<bool> Reencrypt = new("--reencrypt") { Description = "Also re-encrypt every disk with a new DEK." };

    public static Command Create(Argument<string> name)
    {
        var update = new Command("update", "Change a resource's key, key version, vault or key source, and wait (or --no-wait).")
        {
            name, KeyUri, KeyVersion, VaultId, KeySource, Reencrypt, LongRunning.NoWait,
        };
        update.Run(async (parse, cancellationToken) =>
        {
            var resourceName = parse.GetValue(name)!;
            using var service = ServiceClient.From(parse);
            var keyUri = await KeyUriAsync(parse, service, resourceName, cancellationToken);
            var body = new EncryptionChangeBody(parse.GetValue(KeySource), keyUri, null, parse.GetValue(VaultId), null, parse.GetValue(Reencrypt));
            using var content = ServiceClient.JsonContent(body);
            var accepted = await service.SendJsonAsync(HttpMethod.Patch, ServiceClient.ResourcePath(resourceName) + "/encryption", content, cancellationToken);
            return await LongRunning.FinishAsync(parse, service, resourceName, accepted, cancellationToken);
        });
        return new Command("encryption", "A resource's encryption settings.") { update };
    }

    private static async Task<string?> KeyUriAsync(ParseResult parse, ServiceClient service, string resourceName, CancellationToken cancellationToken)
    {
        var keyUri = parse.GetValue(KeyUri);
        if (parse.GetValue(KeyVersion) is not { Length: > 0 } version)
        {
            return keyUri;
        }

        if (keyUri is null)
        {
            var resource = await service.GetJsonAsync(ServiceClient.ResourcePath(resourceName), cancellationToken);
            keyUri = OperationWaiter.Text(resource?["encryption"], "keyUri")
                ?? throw new CommandFailedException(ExitCodes.Refused, $"Resource '{resourceName}' has no key URI to take version '{version}' of; give --key-uri.");
        }

        if (!KeyVaultKeyIdentifier.TryCreate(keyUri, out var key, out var error) || !KeyVaultKeyIdentifier.IsVersion(version))
        {
            throw CommandFailedException.Usage($"--key-version '{version}' of '{keyUri}' is not a key version: {error ?? "a version is 32 hexadecimal digits"}.");
        }

        return key.WithVersion(version).ToString();
    }
}
