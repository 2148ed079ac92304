using System.Text.Json;
using CmkFunctions.Core.Validation;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>The body of <c>PUT /api/resources/{name}</c>.</summary>
public sealed record CreateResourceBody(
    string? Kind,
    string? Region,
    string? SubscriptionId,
    EncryptionBody? Encryption,
    IReadOnlyList<DiskBody>? Disks,
    IReadOnlyDictionary<string, JsonElement>? Properties)
{
    public CreateResourceRequest ToRequest(string name) => new(
        name,
        Kind,
        Region,
        SubscriptionId,
        Encryption is null
            ? null
            : new EncryptionRequest(
                Encryption.KeySource,
                Encryption.KeyUri,
                Encryption.Identity is null ? null : new IdentityRequest(Encryption.Identity.Type, Encryption.Identity.ClientId),
                Encryption.KeyVaultResourceId),
        Disks?.Select(disk => disk.ToRequest()).ToList(),
        Properties?.ToDictionary(
            property => property.Key,
            property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
}

public sealed record EncryptionBody(string? KeySource, string? KeyUri, IdentityBody? Identity, string? KeyVaultResourceId);

/// <param name="Type"><c>system</c> or <c>user</c>.</param>
public sealed record IdentityBody(string? Type, string? ClientId);

/// <param name="SourceUri">An image or snapshot blob to fill the disk from; none fills it with zeros.</param>
public sealed record DiskBody(string? Name, string? Kind, long? SizeBytes, string? SourceUri)
{
    public DiskRequest ToRequest() => new(Name, Kind, SizeBytes, SourceUri);
}
