namespace CmkFunctions.Workflows.Events;

/// <summary>
/// A Key Vault event as the webhook received it, in either schema: Event Grid's event id (kept across retries and
/// duplicates), the event type without its <c>Microsoft.KeyVault.</c> prefix, and Key Vault's <c>data</c>.
/// </summary>
/// <param name="ObjectId">The key version's <c>kid</c>, or the vault's URL for a vault event.</param>
public sealed record KeyVaultEvent(
    string EventId,
    string EventType,
    string? ObjectId,
    string? VaultName,
    string? ObjectName,
    string? Version,
    DateTimeOffset? ExpiresOn);
