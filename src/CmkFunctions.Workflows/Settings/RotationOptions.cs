using System.ComponentModel.DataAnnotations;

namespace CmkFunctions.Workflows.Settings;

/// <summary>Settings of Key Vault events, rotation and key changes, section <c>Cmk</c> like <see cref="CmkOptions"/>.</summary>
public sealed class RotationOptions
{
    /// <summary>The shared secret Event Grid must send as <c>?code=</c> on the webhook URL; without one every event is refused.</summary>
    public string? EventWebhookSecret { get; set; }

    /// <summary>How many followers of a key are claimed, re-wrapped and saved together (their records in one transaction).</summary>
    [Range(1, 1000)]
    public int RotationBatchSize { get; set; } = 100;

    /// <summary>How many lanes share a key's followers when a new key version arrives, each moving its share a batch at a time.</summary>
    [Range(1, 64)]
    public int RotationConcurrency { get; set; } = 4;

    /// <summary>
    /// The share of a vault's Key Vault limit (per key type and size, per 10 s) the whole deployment's wraps and unwraps may
    /// use; the rest is left to the vault's other users. The default stays 10 % under the limit.
    /// </summary>
    [Range(0.0001, 1)]
    public double KeyVaultPace { get; set; } = 0.9;

    /// <summary>How soon a key retries followers that were busy (provisioning, another change) or that Key Vault did not answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RotationRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
