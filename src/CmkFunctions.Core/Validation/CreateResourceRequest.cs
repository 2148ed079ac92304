namespace CmkFunctions.Core.Validation;

/// <summary>A request to create a resource, as the caller gave it; <see cref="CreateRequestValidator"/> checks it.</summary>
/// <param name="Properties">Kind-specific properties; booleans as <c>true</c>/<c>false</c>.</param>
public sealed record CreateResourceRequest(
    string? Name,
    string? Kind,
    string? Region,
    string? SubscriptionId,
    EncryptionRequest? Encryption,
    IReadOnlyList<DiskRequest>? Disks,
    IReadOnlyDictionary<string, string>? Properties);
