using System.Diagnostics.Metrics;

namespace CmkFunctions.Workflows.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>CmkFunctions</c>): disk encryption throughput, Key Vault calls by result, rotation
/// lag; <see cref="ResourceCensus"/> adds resources by state.
/// </summary>
public static class CmkMetrics
{
    public const string MeterName = "CmkFunctions";

    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Encrypted chunks stored (provisioning, scale-up, re-encryption and content writes).</summary>
    public static readonly Counter<long> ChunksStored = Meter.CreateCounter<long>("cmk.chunks.stored", "{chunk}", "Encrypted chunks stored.");

    /// <summary>Bytes of encrypted chunks stored.</summary>
    public static readonly Counter<long> BytesStored = Meter.CreateCounter<long>("cmk.chunks.stored.bytes", "By", "Bytes of encrypted chunks stored.");

    /// <summary>From a key version's creation to a follower's resource key re-wrapped by it, per follower.</summary>
    public static readonly Histogram<double> RotationLag = Meter.CreateHistogram<double>(
        "cmk.rotation.lag", "s", "Time from a key version's creation to a follower's re-wrap by it.");

    /// <summary>Key Vault requests, tagged <c>operation</c> and <c>result</c> (<c>ok</c>, <c>throttled</c>, <c>denied</c>, ...).</summary>
    public static readonly Counter<long> KeyVaultCalls = Meter.CreateCounter<long>("cmk.keyvault.calls", "{call}", "Key Vault requests by operation and result.");
}
