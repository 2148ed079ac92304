using System.Globalization;
using System.Text.Json;
using Azure;

namespace CmkFunctions.KeyVault.Pipeline;

/// <summary>Turns an error response (<c>{error:{code,message,innererror:{code}}}</c>) into the exception callers act on.</summary>
internal static class ServiceError
{
    private static readonly HashSet<string> KeyUnusableCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "KeyDisabled", "KeyExpired", "KeyNotYetValid",
    };

    /// <param name="keyRequest">Whether the request was about a key, so that 404 means the key is not found.</param>
    public static KeyVaultRequestException ToException(Response response, ReadOnlySpan<byte> body, string operation, bool keyRequest)
    {
        var (code, innerCode, serviceMessage) = Parse(body);
        var message = $"Key Vault {operation} failed with {response.Status} {code ?? response.ReasonPhrase}"
            + (innerCode is null ? string.Empty : $" ({innerCode})")
            + (serviceMessage is null ? "." : $": {serviceMessage}");

        return response.Status switch
        {
            403 when KeyUnusableCodes.Contains(innerCode ?? string.Empty) || KeyUnusableCodes.Contains(code ?? string.Empty) =>
                new KeyVaultKeyUnusableException(response.Status, message, code, innerCode),
            401 or 403 => new KeyVaultAccessDeniedException(response.Status, message, code, innerCode),
            404 when keyRequest => new KeyVaultKeyNotFoundException(response.Status, message, code, innerCode),
            429 => new KeyVaultThrottledException(response.Status, message, code, innerCode, RetryAfter(response)),
            _ => new KeyVaultRequestException(response.Status, message, code, innerCode),
        };
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }

    private static (string? Code, string? InnerCode, string? Message) Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            var innerCode = error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? StringOrNull(inner, "code")
                : null;
            return (StringOrNull(error, "code"), innerCode, StringOrNull(error, "message"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
