using System.Security.Cryptography;
using System.Text;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Events;

/// <summary>
/// The shared secret Event Grid sends in the subscription URL (<c>?code=</c>, like a Functions key), compared in
/// constant time. Without a configured <c>Cmk:EventWebhookSecret</c> every request is refused.
/// </summary>
public sealed class WebhookSecret(IOptions<RotationOptions> options)
{
    public const string QueryParameter = "code";

    public bool Accepts(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = options.Value.EventWebhookSecret;
        if (string.IsNullOrEmpty(expected) || !request.Query.TryGetValue(QueryParameter, out var given) || given.Count != 1)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[0] ?? string.Empty), Encoding.UTF8.GetBytes(expected));
    }
}
