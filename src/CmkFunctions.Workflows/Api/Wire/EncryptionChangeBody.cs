using System.Text.Json;
using CmkFunctions.Core.Validation;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>The body of <c>PATCH /api/resources/{name}/encryption</c>: the members given change, the others stay.</summary>
/// <param name="Reencrypt">Also re-encrypt every disk with a new DEK (resumable, on the worker pool).</param>
public sealed record EncryptionChangeBody(
    string? KeySource,
    string? KeyUri,
    IdentityBody? Identity,
    string? KeyVaultResourceId,
    IReadOnlyDictionary<string, JsonElement>? Properties,
    bool Reencrypt)
{
    public EncryptionChangeRequest ToRequest() => new(
        KeySource,
        KeyUri,
        Identity is null ? null : new IdentityRequest(Identity.Type, Identity.ClientId),
        KeyVaultResourceId,
        Properties?.ToDictionary(
            property => property.Key,
            property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
}
