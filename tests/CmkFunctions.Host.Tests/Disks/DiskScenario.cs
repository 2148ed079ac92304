using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>
/// What disk tests set up and look at: source blobs in the fixture's Azurite, an HPC Cache whose user-assigned identity
/// already has access to a new key (so it goes straight to provisioning), and the chunk blobs the host writes.
/// </summary>
public sealed class DiskScenario(IntegrationFixture integration)
{
    private const string SourcesContainer = "sources";
    private const string DisksContainer = "disks";

    private readonly BlobServiceClient _storage = new(integration.AzuriteConnectionString);

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    /// <returns>The source blob's URL, as a user gives it in <c>sourceUri</c>.</returns>
    public async Task<Uri> UploadSourceAsync(byte[] content)
    {
        var container = _storage.GetBlobContainerClient(SourcesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(TestNames.Unique("source"));
        await blob.UploadAsync(BinaryData.FromBytes(content));
        return blob.Uri;
    }

    /// <summary>An <c>hpc-cache</c> body whose user-assigned identity was granted Get, Wrap Key and Unwrap Key on a new key.</summary>
    public async Task<JsonObject> AuthorizedHpcCacheAsync(params JsonNode[] disks) => HpcCache(await GrantedKeyAsync(), disks);

    /// <summary>A new key and a new user-assigned identity granted Get, Wrap Key and Unwrap Key on it.</summary>
    public async Task<GrantedKey> GrantedKeyAsync()
    {
        var admin = integration.Admin;
        var key = await admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        var identity = await admin.CreateUserAssignedIdentityAsync(TestNames.Unique("id"));
        await admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        return new GrantedKey(key, identity);
    }

    public JsonObject HpcCache(GrantedKey key, params JsonNode[] disks)
    {
        ArgumentNullException.ThrowIfNull(key);
        var body = ResourceBodies.HpcCache(integration.KeyVault, key.KeyId.ToString(), disks: new JsonArray(disks));
        body["encryption"]!["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = key.Identity.ClientId };
        return body;
    }

    /// <summary>Takes the identity's access to its key away, as a customer revoking the service would.</summary>
    public Task RevokeAsync(GrantedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return integration.Admin.RemoveAccessPolicyAsync(ResourceBodies.DemoVault, key.Identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
    }

    /// <summary>The chunk blobs of a disk (DEK generation 1) by name, with their ETags.</summary>
    public async Task<IReadOnlyDictionary<string, ETag>> ChunkETagsAsync(string resource, string disk)
    {
        var chunks = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var blob in ListAsync($"{resource}/{disk}/g1/"))
        {
            chunks[blob.Name] = blob.Properties.ETag!.Value;
        }

        return chunks;
    }

    /// <summary>Every blob the host keeps for a resource.</summary>
    public async Task<IReadOnlyList<string>> ResourceBlobsAsync(string resource)
    {
        var names = new List<string>();
        await foreach (var blob in ListAsync($"{resource}/"))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>A disk's <c>metadata.json</c> as stored.</summary>
    public async Task<JsonNode> MetadataAsync(string resource, string disk)
    {
        var content = await _storage.GetBlobContainerClient(DisksContainer).GetBlobClient($"{resource}/{disk}/metadata.json").DownloadContentAsync();
        return JsonNode.Parse(content.Value.Content.ToString())!;
    }

    /// <summary>The disks container's blobs under a prefix; none before the host has created the container.</summary>
    private async IAsyncEnumerable<BlobItem> ListAsync(string prefix)
    {
        var container = _storage.GetBlobContainerClient(DisksContainer);
        if (!await container.ExistsAsync())
        {
            yield break;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            yield return blob;
        }
    }

    /// <summary>Flips one bit of a stored chunk's ciphertext, as an attacker or a storage fault would.</summary>
    public async Task TamperWithChunkAsync(string resource, string disk, long index)
    {
        var blob = _storage.GetBlobContainerClient(DisksContainer).GetBlobClient($"{resource}/{disk}/g1/{index:D10}");
        var stored = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        stored[stored.Length / 2] ^= 0x01;
        await blob.UploadAsync(BinaryData.FromBytes(stored), overwrite: true);
    }

    /// <summary>The disk's content endpoint's answer; the caller disposes it.</summary>
    public static Task<HttpResponseMessage> GetContentAsync(HttpClient http, string resource, string disk, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/resources/{resource}/disks/{disk}/content", UriKind.Relative));
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<byte[]> ReadContentAsync(HttpClient http, string resource, string disk)
    {
        using var response = await GetContentAsync(http, resource, disk);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"content of {resource}/{disk}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Polls a host until the resource reaches <paramref name="state"/>. Failed requests count as "not yet".
    /// </summary>
    public static async Task WaitForStateAsync(HostProcess host, string resource, string state, TimeSpan timeout)
    {
        string? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await host.Http.GetAsync(new Uri($"/api/resources/{resource}", UriKind.Relative));
                    last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    return response.IsSuccessStatusCode
                        && (await response.Content.ReadFromJsonAsync<JsonNode>())!["provisioningState"]!.GetValue<string>() == state;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    last = exception.Message;
                    return false;
                }
            },
            timeout,
            () => $"resource {resource} did not reach {state}; last answer: {last}\n{host.Describe()}");
    }

    /// <summary>Source bytes followed by zeros up to the disk's size: what a disk filled from a shorter source holds.</summary>
    public static byte[] Padded(byte[] source, long diskSize)
    {
        var disk = new byte[diskSize];
        source.AsSpan(0, (int)Math.Min(source.Length, diskSize)).CopyTo(disk);
        return disk;
    }
}

/// <summary>A customer key and the user-assigned identity that has access to it.</summary>
public sealed record GrantedKey(KeyVaultKeyIdentifier KeyId, ManagedIdentity Identity);

