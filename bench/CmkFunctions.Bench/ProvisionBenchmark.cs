using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench;

/// <summary>
/// Provisioning throughput end to end: a host process on its own Azurite and local Key Vault (the test fixture's,
/// so nothing but <c>./dev.sh setup</c> is needed) provisions an HPC Cache with 4 disks of 256 MiB from source blobs,
/// timed from ProvisioningDisks to Succeeded. In the same run <see cref="BlobCopy"/> copies the same sources with the
/// same lanes and batches twice: unencrypted (the floor of the data path) and with the storage SDK's client-side
/// encryption v2 (AES-256-GCM in 4 MiB regions; the closest off-the-shelf peer). The client-side encryption's
/// key-encryption key is a <see cref="LocalRsaKeyEncryptionKey"/> in this process rather than a Key Vault key: the SDK
/// wraps one content-encryption key per blob (here per 4 MiB chunk), an RSA public-key operation of tens of microseconds
/// beside milliseconds of AES-GCM and upload, where a remote key would time the vault instead of the data path.
/// After one untimed warm-up pass of each, rounds run the three, each round starting with another; medians are reported. Ends with the summary line.
/// </summary>
internal static class ProvisionBenchmark
{
    private const int MiB = 1024 * 1024;
    private const int DiskCount = 4;
    private const long DiskSize = 256L * MiB;
    private const long WarmUpDiskSize = 64L * MiB;
    private const int ChunkSize = 4 * MiB;
    private const int WorkerConcurrency = 4;

    // Azurite keeps a deleted blob's data in memory until its collection every 10 minutes, in a store capped at half the
    // machine's memory: the 1 GiB of sources, the warm-up's 3 x 256 MiB and 3 GiB a round (one per path) must fit for the whole run.
    private const int Rounds = 3;
    private const string Vault = "cmkdemo";

    // The provisioner's batches here: the 256 missing chunks over 4 lanes x 4 batches each, 16 chunks (64 MiB).
    private const int ChunksPerBatch = 16;

    private static readonly TimeSpan ProvisionTimeout = TimeSpan.FromMinutes(10);

    // Each GET validates a token and reads the record: polled every 50 ms, that took the host's CPU from the data path it
    // times (about 10 % on 2 cores). Start and end are seen up to one interval late each, so the error has no bias.
    private static readonly TimeSpan StatePollInterval = TimeSpan.FromMilliseconds(200);

    public static int Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        var fixture = new IntegrationFixture();
        await fixture.InitializeAsync();
        try
        {
            await using var host = await HostProcess.StartAsync(fixture, "bench-provision", new Dictionary<string, string>
            {
                ["Cmk__AuthorizationCheckInterval"] = "00:00:01",
                ["Cmk__ChunkSizeBytes"] = ChunkSize.ToString(CultureInfo.InvariantCulture),
                ["Cmk__WorkerConcurrency"] = WorkerConcurrency.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                // The plain copy runs in this process under workstation GC (see the csproj); the host gets the same GC,
                // so the comparison differs in the data path alone. Server GC's spinning threads cost a 2-core machine ~10 %.
                ["DOTNET_gcServer"] = "0",
            });
            var storage = new BlobServiceClient(fixture.AzuriteConnectionString);
            var sources = await UploadSourcesAsync(storage);
            var plainTarget = storage.GetBlobContainerClient("plaincopy");
            await plainTarget.CreateIfNotExistsAsync();
            using var keyEncryptionKey = new LocalRsaKeyEncryptionKey();
            var cseTarget = ClientSideEncrypted(fixture.AzuriteConnectionString, keyEncryptionKey).GetBlobContainerClient("csecopy");
            await cseTarget.CreateIfNotExistsAsync();

            await WarmUpAsync(fixture, host, sources, plainTarget, cseTarget);
            var encrypted = new List<double>();
            var plain = new List<double>();
            var cse = new List<double>();
            for (var round = 1; round <= Rounds; round++)
            {
                var prefix = $"round{round}";
                var paths = new (List<double> Results, Func<Task<double>> Time)[]
                {
                    (plain, () => TimeAsync(() => BlobCopy.CopyAsync(sources, plainTarget, prefix, DiskSize, ChunkSize, ChunksPerBatch, WorkerConcurrency))),
                    (cse, () => TimeAsync(() => BlobCopy.CopyAsync(sources, cseTarget, prefix, DiskSize, ChunkSize, ChunksPerBatch, WorkerConcurrency))),
                    (encrypted, () => ProvisionAsync(fixture, host, sources, $"bench-{round}", DiskSize)),
                };

                // Each round starts with another path: none always runs beside the most blobs the store holds.
                for (var turn = 0; turn < paths.Length; turn++)
                {
                    var path = paths[(round + turn) % paths.Length];
                    path.Results.Add(TotalMiB / await path.Time());
                }

                await AssertClientSideEncryptedAsync(cseTarget, $"{prefix}/disk0/0000000000");
                Console.WriteLine(Invariant(
                    $"round {round}: encrypted={encrypted[^1]:F1}MiB/s plain_copy={plain[^1]:F1}MiB/s cse_v2={cse[^1]:F1}MiB/s"));
                await DeleteAsync(host, $"bench-{round}");
                await DeleteBlobsAsync(plainTarget, $"{prefix}/");
                await DeleteBlobsAsync(cseTarget, $"{prefix}/");
            }

            var (encryptedMiBps, plainMiBps, cseMiBps) = (Median(encrypted), Median(plain), Median(cse));
            Console.WriteLine(Invariant(
                $"provision: encrypted={encryptedMiBps:F1} plain_copy={plainMiBps:F1} cse_v2={cseMiBps:F1} ratio={encryptedMiBps / plainMiBps:F3} ratio_vs_cse_v2={encryptedMiBps / cseMiBps:F3}"));
            return 0;
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>
    /// One untimed pass of each path over the first <see cref="WarmUpDiskSize"/> of every source, so no timed round pays
    /// for compiling the code or opening connections.
    /// </summary>
    private static async Task WarmUpAsync(IntegrationFixture fixture, HostProcess host, IReadOnlyList<BlobClient> sources, BlobContainerClient plainTarget, BlobContainerClient cseTarget)
    {
        await BlobCopy.CopyAsync(sources, plainTarget, "warmup", WarmUpDiskSize, ChunkSize, ChunksPerBatch, WorkerConcurrency);
        await BlobCopy.CopyAsync(sources, cseTarget, "warmup", WarmUpDiskSize, ChunkSize, ChunksPerBatch, WorkerConcurrency);
        await ProvisionAsync(fixture, host, sources, "bench-warmup", WarmUpDiskSize);
        await DeleteAsync(host, "bench-warmup");
        await DeleteBlobsAsync(plainTarget, "warmup/");
        await DeleteBlobsAsync(cseTarget, "warmup/");
    }

    /// <summary>A client of the same account whose uploads the SDK encrypts client-side (v2) under <paramref name="keyEncryptionKey"/>.</summary>
    private static BlobServiceClient ClientSideEncrypted(string connectionString, LocalRsaKeyEncryptionKey keyEncryptionKey) =>
        new(connectionString, new SpecializedBlobClientOptions
        {
            ClientSideEncryption = new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0)
            {
                KeyEncryptionKey = keyEncryptionKey,
                KeyWrapAlgorithm = LocalRsaKeyEncryptionKey.Algorithm,
            },
        });

    /// <summary>The peer must do the work it stands for: the SDK keeps a client-side encrypted blob's wrapped key in its metadata.</summary>
    private static async Task AssertClientSideEncryptedAsync(BlobContainerClient container, string blobName)
    {
        var properties = (await container.GetBlobClient(blobName).GetPropertiesAsync()).Value;
        if (!properties.Metadata.ContainsKey("encryptiondata"))
        {
            throw new InvalidOperationException($"The client-side encrypted copy stored {blobName} without its encryption data.");
        }
    }

    private static async Task DeleteBlobsAsync(BlobContainerClient container, string prefix)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            await container.DeleteBlobAsync(blob.Name);
        }
    }

    private static double TotalMiB => DiskCount * DiskSize / (double)MiB;

    private static async Task<IReadOnlyList<BlobClient>> UploadSourcesAsync(BlobServiceClient storage)
    {
        var container = storage.GetBlobContainerClient("sources");
        await container.CreateIfNotExistsAsync();
        var sources = new List<BlobClient>();
        var content = new byte[DiskSize];
        for (var disk = 0; disk < DiskCount; disk++)
        {
            RandomNumberGenerator.Fill(content);
            var blob = container.GetBlobClient($"image{disk}");
            await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
            sources.Add(blob);
        }

        return sources;
    }

    /// <summary>Creates the resource and returns the seconds from ProvisioningDisks to Succeeded.</summary>
    private static async Task<double> ProvisionAsync(IntegrationFixture fixture, HostProcess host, IReadOnlyList<BlobClient> sources, string name, long diskSize)
    {
        using var created = await host.Http.PutAsJsonAsync(new Uri($"/api/resources/{name}", UriKind.Relative), await HpcCacheAsync(fixture, sources, diskSize));
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Create {name} failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var deadline = Stopwatch.StartNew();
        long? provisioningSince = null;
        while (deadline.Elapsed < ProvisionTimeout)
        {
            var resource = await host.Http.GetFromJsonAsync<JsonNode>(new Uri($"/api/resources/{name}", UriKind.Relative));
            var now = Stopwatch.GetTimestamp();
            switch (resource!["provisioningState"]!.GetValue<string>())
            {
                case "ProvisioningDisks":
                    provisioningSince ??= now;
                    break;
                case "Succeeded":
                    return Stopwatch.GetElapsedTime(provisioningSince ?? now, now).TotalSeconds;
                case "Failed":
                    throw new InvalidOperationException($"{name} failed: {resource.ToJsonString()}");
            }

            await Task.Delay(StatePollInterval);
        }

        throw new TimeoutException($"{name} did not succeed within {ProvisionTimeout}: {host.Describe()}");
    }

    /// <summary>An HPC Cache whose user-assigned identity already has access to a new key, so it goes straight to provisioning.</summary>
    private static async Task<JsonObject> HpcCacheAsync(IntegrationFixture fixture, IReadOnlyList<BlobClient> sources, long diskSize)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var key = await fixture.Admin.CreateKeyAsync(Vault, $"bench-{suffix}");
        var identity = await fixture.Admin.CreateUserAssignedIdentityAsync($"bench-{suffix}");
        await fixture.Admin.AddAccessPolicyAsync(Vault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        return new JsonObject
        {
            ["kind"] = "hpc-cache",
            ["region"] = "eastus",
            ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
            ["encryption"] = new JsonObject
            {
                ["keySource"] = "Microsoft.KeyVault",
                ["keyUri"] = key.ToString(),
                ["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = identity.ClientId },
                ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(Vault),
            },
            ["disks"] = new JsonArray([.. sources.Select((source, disk) => (JsonNode)new JsonObject
            {
                ["name"] = $"cache{disk}",
                ["kind"] = "data",
                ["sizeBytes"] = diskSize,
                ["sourceUri"] = source.Uri.ToString(),
            })]),
        };
    }

    private static async Task DeleteAsync(HostProcess host, string name)
    {
        using var deleted = await host.Http.DeleteAsync(new Uri($"/api/resources/{name}", UriKind.Relative));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ProvisionTimeout)
        {
            using var resource = await host.Http.GetAsync(new Uri($"/api/resources/{name}", UriKind.Relative));
            if (resource.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
