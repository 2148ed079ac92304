using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CmkFunctions.Cli.Service;

/// <summary>
/// The CmkFunctions API at <c>--endpoint</c>, called with a bearer token for <c>--audience</c>. Every method answers
/// the success or throws the refusal (<see cref="ServiceRefusal"/>).
/// </summary>
internal sealed class ServiceClient : IDisposable
{
    public const string AsyncOperationHeader = "Azure-AsyncOperation";

    /// <summary>Request bodies as the API reads them: web defaults, absent members left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    private ServiceClient(Uri endpoint, HttpClient http)
    {
        Endpoint = endpoint;
        _http = http;
    }

    public Uri Endpoint { get; }

    /// <exception cref="CommandFailedException">No endpoint or audience is given, or the endpoint is not a URL.</exception>
    public static ServiceClient From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var endpoint = parse.GetValue(GlobalOptions.Endpoint);
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
        {
            throw CommandFailedException.Usage("Give the service's URL with --endpoint or CMK_HOST_URL.");
        }

        var audience = parse.GetValue(GlobalOptions.Audience);
        if (string.IsNullOrEmpty(audience))
        {
            throw CommandFailedException.Usage("Give the API's audience with --audience or CMK_API_AUDIENCE.");
        }

        var handler = new BearerTokenHandler(Credentials.For(parse.GetValue(GlobalOptions.ClientId)), audience);
        return new ServiceClient(baseUri, new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) });
    }

    /// <summary>A path under the endpoint (<c>api/resources/x</c>), or an absolute URL as the service gave it.</summary>
    public Uri Resolve(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(Endpoint, pathOrUrl.TrimStart('/'));

    public static string ResourcePath(string name) => $"api/resources/{Uri.EscapeDataString(name)}";

    public async Task<JsonNode?> GetJsonAsync(string pathOrUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(pathOrUrl));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>Every item of an ARM list, page after page while a page has a <c>nextLink</c>, as one <c>{"value": [...]}</c>.</summary>
    public async Task<JsonObject> ListAsync(string path, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        for (string? next = path; next is not null;)
        {
            var page = await GetJsonAsync(next, cancellationToken);
            foreach (var item in page?["value"]?.AsArray() ?? [])
            {
                items.Add(item?.DeepClone());
            }

            next = page?["nextLink"]?.GetValue<string>();
        }

        return new JsonObject { ["value"] = items };
    }

    /// <summary>The resource, or null when the service answers 404.</summary>
    public async Task<JsonNode?> TryGetResourceAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(ResourcePath(name)));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await ServiceRefusal.ReadAsync(response, cancellationToken);
        }

        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>Sends a request and answers its body and, for a long-running operation (202), the operation's URL.</summary>
    public async Task<(JsonNode? Body, Uri? Operation)> SendJsonAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(path)) { Content = content };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var operation = response.Headers.TryGetValues(AsyncOperationHeader, out var values) && Uri.TryCreate(values.FirstOrDefault(), UriKind.Absolute, out var url)
            ? url
            : null;
        return (await ReadJsonAsync(response, cancellationToken), operation);
    }

    public static HttpContent JsonContent<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: Json);

    /// <summary>Sends; a non-success answer throws its refusal. The caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await _http.SendAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ServiceRefusal.ReadAsync(response, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
