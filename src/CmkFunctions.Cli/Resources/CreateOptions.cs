using System.CommandLine;
using System.Text;
using System.Text.Json;
using CmkFunctions.Cli.Disks;
using CmkFunctions.Cli.Service;
using CmkFunctions.Workflows.Api.Wire;

namespace CmkFunctions.Cli.Resources;

/// <summary>
/// <c>cmk resource create</c>'s options and the <c>PUT /api/resources/{name}</c> body they make: the API's own wire
/// shape (<see cref="CreateResourceBody"/>), or <c>--body @file.json</c> sent as it is.
/// </summary>
internal sealed class CreateOptions
{
    public Option<string?> Kind { get; } = new("--kind") { Description = "hpc-cache, hdinsight, vmware-private-cloud, managed-redis or ml-workspace." };

    public Option<string?> Region { get; } = new("--region") { Description = "Where the resource runs, e.g. eastus." };

    public Option<string?> Subscription { get; } = new("--subscription") { Description = "The subscription id the resource belongs to." };

    public Option<string?> KeyUri { get; } = new("--key-uri") { Description = "The customer's key: versionless to follow its latest version, versioned to pin it." };

    public Option<string?> VaultId { get; } = new("--vault-id") { Description = "The key vault's ARM resource id." };

    public Option<string?> Identity { get; } = new("--identity") { Description = "The identity that uses the key: system or user." };

    public Option<string?> IdentityClientId { get; } = new("--identity-client-id") { Description = "The user-assigned identity's client id." };

    public Option<string?> KeySource { get; } = new("--key-source") { Description = "Microsoft.KeyVault (customer-managed) or Microsoft.Platform." };

    public Option<string[]> Disks { get; } = DiskSpecs.Option(required: false);

    public Option<string[]> Properties { get; } = new("--property") { Description = "A kind's property as key=value (repeat for more), e.g. clusterType=kafka." };

    public Option<string?> Body { get; } = new("--body") { Description = "@file.json (or the JSON itself): the whole request body, sent as it is." };

    public IEnumerable<Option> All => [Kind, Region, Subscription, KeyUri, VaultId, Identity, IdentityClientId, KeySource, Disks, Properties, Body];

    public HttpContent ToContent(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Body) is { Length: > 0 } body)
        {
            if (All.Where(option => option != Body).Any(option => parse.GetResult(option) is { Implicit: false }))
            {
                throw CommandFailedException.Usage("--body is the whole request: give the other create options in it, not beside it.");
            }

            var json = body.StartsWith('@') ? ReadFile(body[1..]) : body;
            return new StringContent(json, Encoding.UTF8, "application/json");
        }

        var identity = parse.GetValue(Identity) is null && parse.GetValue(IdentityClientId) is null
            ? null
            : new IdentityBody(parse.GetValue(Identity), parse.GetValue(IdentityClientId));
        var encryption = new EncryptionBody(parse.GetValue(KeySource), parse.GetValue(KeyUri), identity, parse.GetValue(VaultId));
        return ServiceClient.JsonContent(new CreateResourceBody(
            parse.GetValue(Kind),
            parse.GetValue(Region),
            parse.GetValue(Subscription),
            encryption is { KeySource: null, KeyUri: null, Identity: null, KeyVaultResourceId: null } ? null : encryption,
            DiskSpecs.Parse(parse.GetValue(Disks)),
            PropertiesOf(parse.GetValue(Properties))));
    }

    private static Dictionary<string, JsonElement>? PropertiesOf(string[]? values)
    {
        if (values is null or { Length: 0 })
        {
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw CommandFailedException.Usage($"--property '{value}' is not key=value.");
            }

            properties[value[..separator]] = JsonSerializer.SerializeToElement(value[(separator + 1)..]);
        }

        return properties;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CommandFailedException.Usage($"--body: cannot read '{path}': {exception.Message}");
        }
    }
}
