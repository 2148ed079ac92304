using System.Net;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.DataPlane;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Revocation;

/// <summary>Polls with deadlines for what losing and regaining a key shows: the resource's status, and the data plane's refusal.</summary>
public static class KeyAccessPolls
{
    /// <summary>Polls until the resource's <c>encryptionStatus</c> is <paramref name="status"/>; returns the resource then.</summary>
    public static async Task<JsonNode> WaitForEncryptionStatusAsync(ServiceClient service, string name, string status, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(service);
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await service.GetResourceAsync(name);
                return last["encryptionStatus"]!.GetValue<string>() == status;
            },
            timeout,
            () => $"resource {name} did not become {status}; last: {last?.ToJsonString()}");
        return last!;
    }

    /// <summary>Reads the disk until the data plane refuses (the cache window has passed); returns the refusal's problem details.</summary>
    public static async Task<JsonNode> WaitForRefusalAsync(HostProcess host, string name, string disk, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        JsonNode? problem = null;
        string? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await DiskScenario.GetContentAsync(host.Http, name, disk);
                last = $"{(int)response.StatusCode}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await response.Content.ReadAsByteArrayAsync();
                    return false;
                }

                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                problem = await ContentRequests.ProblemAsync(response);
                return problem["code"]?.GetValue<string>() == "key-inaccessible";
            },
            timeout,
            () => $"reads of {name}/{disk} were not refused within {timeout}; last status {last}: {host.Describe()}");
        return problem!;
    }
}
