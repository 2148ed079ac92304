using System.Diagnostics.Metrics;

namespace CmkFunctions.Workflows.Telemetry;

/// <summary>The service's own metrics (meter <c>CmkFunctions</c>): disk encryption throughput and Key Vault calls by result.</summary>
public static class CmkMetrics
{
    public const string MeterName = "CmkFunctions";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Encrypted chunks stored (provisioning, scale-up, re-encryption and content writes).</summary>
    public static readonly Counter<long> ChunksStored = Meter.CreateCounter<long>("cmk.chunks.stored", "{chunk}", "Encrypted chunks stored.");

    /// <summary>Bytes of encrypted chunks stored.</summary>
    public static readonly Counter<long> BytesStored = Meter.CreateCounter<long>("cmk.chunks.stored.bytes", "By", "Bytes of encrypted chunks stored.");

    /// <summary>Key Vault requests, tagged <c>operation</c> and <c>result</c> (<c>ok</c>, <c>throttled</c>, <c>denied</c>, ...).</summary>
    public static readonly Counter<long> KeyVaultCalls = Meter.CreateCounter<long>("cmk.keyvault.calls", "{call}", "Key Vault requests by operation and result.");
}
