using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests;

/// <summary>The host's HTTP API as tests drive it: raw responses and JSON, and polls with deadlines.</summary>
public sealed class ServiceClient(HostProcess host)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public HttpClient Http => host.Http;

    public Task<HttpResponseMessage> CreateAsync(string name, JsonObject body) =>
        Http.PutAsJsonAsync(ResourceUri(name), body);

    public async Task<HttpResponseMessage> GetAsync(string name)
    {
        try
        {
            return await Http.GetAsync(ResourceUri(name));
        }
        catch (TaskCanceledException timedOut)
        {
            throw new TimeoutException($"GET {name} got no answer: {host.Describe()}", timedOut);
        }
    }

    public Task<HttpResponseMessage> DeleteAsync(string name) => Http.DeleteAsync(ResourceUri(name));

    public Task<HttpResponseMessage> AuthorizeAsync(string name) => Http.PostAsync(new Uri($"{ResourceUri(name)}/authorize", UriKind.Relative), content: null);

    /// <summary>The resource's JSON; fails when it does not exist.</summary>
    public async Task<JsonNode> GetResourceAsync(string name)
    {
        using var response = await GetAsync(name);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>The names on every page of <c>GET /api/resources</c> (<paramref name="query"/> added to the first), in order.</summary>
    public Task<IReadOnlyList<string>> ListNamesAsync(string query = "") => ListNamesAsync(Http, query);

    /// <inheritdoc cref="ListNamesAsync(string)"/>
    public static async Task<IReadOnlyList<string>> ListNamesAsync(HttpClient http, string query = "")
    {
        ArgumentNullException.ThrowIfNull(http);
        var names = new List<string>();
        for (var next = new Uri($"/api/resources{query}", UriKind.Relative); ;)
        {
            var page = await http.GetFromJsonAsync<JsonNode>(next);
            names.AddRange(page!["value"]!.AsArray().Select(resource => resource!["name"]!.GetValue<string>()));
            if (page["nextLink"] is not { } nextLink)
            {
                return names;
            }

            next = new Uri(nextLink.GetValue<string>());
        }
    }

    /// <summary>Polls the resource until its provisioningState is <paramref name="state"/>; returns it then.</summary>
    public async Task<JsonNode> WaitForStateAsync(string name, string state, TimeSpan? timeout = null)
    {
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await GetResourceAsync(name);
                return last["provisioningState"]!.GetValue<string>() == state;
            },
            timeout ?? DefaultTimeout,
            () => $"resource {name} did not reach {state}; last: {last?.ToJsonString()}\n{host.Describe()}");
        return last!;
    }

    /// <summary>Polls an <c>Azure-AsyncOperation</c> URL until the operation leaves InProgress; returns it then.</summary>
    public async Task<JsonNode> WaitForOperationAsync(Uri operation, TimeSpan? timeout = null)
    {
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    last = await Http.GetFromJsonAsync<JsonNode>(operation);
                }
                catch (TaskCanceledException timedOut)
                {
                    throw new TimeoutException($"GET {operation} got no answer: {host.Describe()}", timedOut);
                }

                return last!["status"]!.GetValue<string>() != "InProgress";
            },
            timeout ?? DefaultTimeout,
            () => $"operation {operation} still in progress; last: {last?.ToJsonString()}\n{host.Describe()}");
        return last!;
    }

    private static Uri ResourceUri(string name) => new($"/api/resources/{name}", UriKind.Relative);
}
