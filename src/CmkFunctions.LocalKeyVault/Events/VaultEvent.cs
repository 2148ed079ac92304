namespace CmkFunctions.LocalKeyVault.Events;

/// <summary>
/// Something Key Vault publishes to Event Grid. Members mirror the Key Vault event <c>data</c>
/// (<c>Id</c>, <c>VaultName</c>, <c>ObjectType</c>, <c>ObjectName</c>, <c>Version</c>, <c>NBF</c>, <c>EXP</c>);
/// <see cref="VaultResourceId"/> is the Event Grid topic.
/// </summary>
public sealed record VaultEvent(
    string EventType,
    string VaultResourceId,
    string Id,
    string VaultName,
    string ObjectType,
    string ObjectName,
    string? Version,
    long? NotBefore,
    long? Expires,
    DateTimeOffset OccurredAt)
{
    public const string KeyNewVersionCreated = "Microsoft.KeyVault.KeyNewVersionCreated";
    public const string KeyNearExpiry = "Microsoft.KeyVault.KeyNearExpiry";
    public const string KeyExpired = "Microsoft.KeyVault.KeyExpired";
    public const string VaultAccessPolicyChanged = "Microsoft.KeyVault.VaultAccessPolicyChanged";
}
