using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>A webhook's answer: no status when it did not answer in time or could not be reached.</summary>
public sealed record WebhookResponse(int? Status, string Body, string? AllowedOrigin)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The status as Event Grid's messages name it (<c>NotFound</c>), <c>Unknown</c> without one.</summary>
    public string StatusName => Status is { } status ? ((System.Net.HttpStatusCode)status).ToString() : "Unknown";
}

/// <summary>
/// Sends Event Grid's requests to subscribers' webhooks, with its <c>aeg-*</c> headers and a response timeout.
/// Webhooks are the user's own endpoints: https is checked against the system's trusted roots, never this tool's CA.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxResponseBytes,
    };

    /// <summary>POSTs a body with Event Grid's headers (<c>aeg-event-type</c> is <c>Notification</c> or <c>SubscriptionValidation</c>).</summary>
    public Task<WebhookResponse> PostAsync(
        string endpointUrl,
        string eventType,
        string subscriptionName,
        int deliveryCount,
        string dataVersion,
        string contentType,
        string body,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpointUrl) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("aeg-event-type", eventType);
        request.Headers.Add("aeg-subscription-name", subscriptionName.ToUpperInvariant());
        request.Headers.Add("aeg-delivery-count", deliveryCount.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("aeg-data-version", dataVersion);
        request.Headers.Add("aeg-metadata-version", "1");
        return SendAsync(request, timeout, cancellationToken);
    }

    /// <summary>The CloudEvents abuse-protection handshake: OPTIONS with <c>WebHook-Request-Origin</c>.</summary>
    public Task<WebhookResponse> OptionsAsync(string endpointUrl, string origin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, endpointUrl);
        request.Headers.Add("WebHook-Request-Origin", origin);
        return SendAsync(request, timeout, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<WebhookResponse> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var owned = request;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var allowedOrigin = response.Headers.TryGetValues("WebHook-Allowed-Origin", out var origins) ? origins.FirstOrDefault() : null;
            return new WebhookResponse((int)response.StatusCode, body, allowedOrigin);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new WebhookResponse(null, string.Empty, null);
        }
    }
}
