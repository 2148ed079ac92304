using System.ComponentModel.DataAnnotations;

namespace CmkFunctions.Workflows.Settings;

/// <summary>Settings of Key Vault events, rotation and key changes, section <c>Cmk</c> like <see cref="CmkOptions"/>.</summary>
public sealed class RotationOptions
{
    /// <summary>The shared secret Event Grid must send as <c>?code=</c> on the webhook URL; without one every event is refused.</summary>
    public string? EventWebhookSecret { get; set; }

    /// <summary>How many followers of a key re-wrap at once when a new key version arrives.</summary>
    [Range(1, 1024)]
    public int RotationConcurrency { get; set; } = 64;

    /// <summary>
    /// Wrap and unwrap operations per second this host sends to one vault for rotations and key changes. Key Vault allows
    /// 4000 RSA-2048 operations per 10 s per vault; the default stays 10 % under that so no request is throttled.
    /// </summary>
    [Range(0.1, 1_000_000)]
    public double KeyVaultOperationsPerSecond { get; set; } = 360;

    /// <summary>How soon a key retries followers that were busy (provisioning, another change) or that Key Vault did not answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RotationRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
