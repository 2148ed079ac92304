using System.Globalization;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>
/// Host settings under which provisioning a few MiB takes seconds (4 KiB chunks, one worker lane), so a test can kill a
/// host while some but not all chunks are stored.
/// </summary>
public static class SlowProvisioning
{
    public const int ChunkSize = 4096;

    public const int DiskSize = 24 * 1024 * 1024;

    public const int ChunkCount = DiskSize / ChunkSize;

    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    public static Dictionary<string, string> Settings() => new()
    {
        ["Cmk__AuthorizationCheckInterval"] = "00:00:01",
        ["Cmk__ChunkSizeBytes"] = ChunkSize.ToString(CultureInfo.InvariantCulture),
        ["Cmk__WorkerConcurrency"] = "1",
    };

    /// <summary>Polls the disk's chunk blobs until some but not all are stored; returns how many there were.</summary>
    public static async Task<int> WaitUntilPartlyStoredAsync(DiskScenario scenario, string resource, string disk, Func<string> describe)
    {
        var stored = 0;
        await Poll.UntilAsync(
            async () =>
            {
                stored = (await scenario.ChunkETagsAsync(resource, disk)).Count;
                Assert.True(stored < ChunkCount, $"provisioning finished before the host could be killed: {describe()}");
                return stored > 0;
            },
            TimeSpan.FromSeconds(60),
            () => $"no chunk of {resource}/{disk} was stored: {describe()}");
        return stored;
    }
}
