using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;

namespace CmkFunctions.Workflows.Events;

/// <summary>
/// Reads a webhook request body in Event Grid's schema (an array of events) or as CloudEvents 1.0 (one event or a
/// batch) with Azure.Messaging.EventGrid, keeping Key Vault's events and a subscription validation code. Key Vault's
/// <c>data</c> members are read whatever their casing (the SDK reads Key Vault's own casing only).
/// </summary>
public static class KeyVaultEventParser
{
    /// <exception cref="FormatException">The body is not an event batch in either schema.</exception>
    public static WebhookBatch Parse(BinaryData body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return IsCloudEvents(body, contentType) ? FromCloudEvents(CloudEvent.ParseMany(body)) : FromEventGrid(EventGridEvent.ParseMany(body));
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"The body is not an Event Grid or CloudEvents 1.0 event batch: {exception.Message}", exception);
        }
    }

    private static WebhookBatch FromEventGrid(EventGridEvent[] events)
    {
        var parsed = new List<KeyVaultEvent>();
        foreach (var item in events)
        {
            item.TryGetSystemEventData(out var data);
            if (data is SubscriptionValidationEventData validation)
            {
                return new WebhookBatch(validation.ValidationCode, []);
            }

            if (ToKeyVaultEvent(item.Id, item.EventType, data, item.Data) is { } keyVaultEvent)
            {
                parsed.Add(keyVaultEvent);
            }
        }

        return new WebhookBatch(null, parsed);
    }

    private static WebhookBatch FromCloudEvents(CloudEvent[] events)
    {
        var parsed = new List<KeyVaultEvent>();
        foreach (var item in events)
        {
            item.TryGetSystemEventData(out var data);
            if (ToKeyVaultEvent(item.Id, item.Type, data, item.Data) is { } keyVaultEvent)
            {
                parsed.Add(keyVaultEvent);
            }
        }

        return new WebhookBatch(null, parsed);
    }

    private static KeyVaultEvent? ToKeyVaultEvent(string id, string type, object? data, BinaryData? raw)
    {
        var fields = data switch
        {
            KeyVaultKeyNewVersionCreatedEventData d => new Fields(d.Id, d.VaultName, d.ObjectName, d.Version, d.Exp),
            KeyVaultKeyNearExpiryEventData d => new Fields(d.Id, d.VaultName, d.ObjectName, d.Version, d.Exp),
            KeyVaultKeyExpiredEventData d => new Fields(d.Id, d.VaultName, d.ObjectName, d.Version, d.Exp),
            KeyVaultAccessPolicyChangedEventData d => new Fields(d.Id, d.VaultName, d.ObjectName, d.Version, d.Exp),
            _ => null,
        };
        if (fields is null && !type.StartsWith("Microsoft.KeyVault.", StringComparison.Ordinal))
        {
            return null;
        }

        if (fields is null or { Id: null, VaultName: null, ObjectName: null })
        {
            fields = ReadAnyCasing(raw);
        }

        var expires = fields.Expires is { } seconds ? DateTimeOffset.FromUnixTimeSeconds((long)seconds) : (DateTimeOffset?)null;
        return new KeyVaultEvent(id, type, fields.Id, fields.VaultName, fields.ObjectName, fields.Version, expires);
    }

    private static Fields ReadAnyCasing(BinaryData? raw)
    {
        if (raw is null)
        {
            return new Fields(null, null, null, null, null);
        }

        using var document = JsonDocument.Parse(raw.ToMemory());
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new Fields(null, null, null, null, null);
        }

        var members = document.RootElement.EnumerateObject().ToDictionary(member => member.Name, member => member.Value.Clone(), StringComparer.OrdinalIgnoreCase);
        string? Text(string name) => members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        double? Number(string name) => members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        return new Fields(Text("Id"), Text("VaultName"), Text("ObjectName"), Text("Version"), Number("EXP"));
    }

    private static bool IsCloudEvents(BinaryData body, string? contentType)
    {
        if (contentType?.Contains("cloudevents", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        using var document = JsonDocument.Parse(body.ToMemory());
        var first = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().FirstOrDefault()
            : document.RootElement;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("specversion", out _);
    }

    private sealed record Fields(string? Id, string? VaultName, string? ObjectName, string? Version, double? Expires);
}

/// <summary>What one webhook request carried: a subscription validation code, or Key Vault's events.</summary>
public sealed record WebhookBatch(string? ValidationCode, IReadOnlyList<KeyVaultEvent> Events);
