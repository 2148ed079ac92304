using System.Buffers.Text;
using System.Text.Json;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>Reads Key Vault 7.5 key bundles (<c>{key, attributes, tags}</c>) and version items (<c>{kid, attributes, tags}</c>).</summary>
internal static class KeyBundleJson
{
    private static readonly JsonElement EmptyObject = ParseEmptyObject();

    public static KeyVaultKey ReadKey(BinaryData body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        var key = Required(root, "key");
        var properties = ReadProperties(KeyIdOf(key), root);
        var operations = key.TryGetProperty("key_ops", out var ops) && ops.ValueKind == JsonValueKind.Array
            ? ops.EnumerateArray().Select(op => op.GetString() ?? string.Empty).ToArray()
            : [];
        return new KeyVaultKey(
            properties,
            StringOrNull(key, "kty") ?? string.Empty,
            operations,
            Base64UrlOrEmpty(key, "n"),
            Base64UrlOrEmpty(key, "e"),
            StringOrNull(key, "crv"));
    }

    public static (IReadOnlyList<KeyProperties> Items, string? NextLink) ReadVersionsPage(BinaryData body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        var items = root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => ReadProperties(KeyIdOf(item), item)).ToArray()
            : [];
        var nextLink = StringOrNull(root, "nextLink");
        return (items, string.IsNullOrEmpty(nextLink) ? null : nextLink);
    }

    /// <summary>The <c>kid</c> of a key or operation result, which must be a Key Vault key identifier.</summary>
    public static KeyVaultKeyIdentifier KeyIdOf(JsonElement element)
    {
        var kid = StringOrNull(element, "kid");
        return KeyVaultKeyIdentifier.TryCreate(kid, out var id, out var error)
            ? id
            : throw new InvalidDataException($"Key Vault returned kid '{kid}', which is not a key identifier: {error}.");
    }

    private static KeyProperties ReadProperties(KeyVaultKeyIdentifier id, JsonElement bundle)
    {
        var attributes = bundle.TryGetProperty("attributes", out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : EmptyObject;
        return new KeyProperties(
            id,
            Enabled: attributes.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? enabled.GetBoolean()
                : null,
            NotBefore: UnixTime(attributes, "nbf"),
            ExpiresOn: UnixTime(attributes, "exp"),
            CreatedOn: UnixTime(attributes, "created"),
            UpdatedOn: UnixTime(attributes, "updated"),
            RecoveryLevel: StringOrNull(attributes, "recoveryLevel"),
            RecoverableDays: attributes.TryGetProperty("recoverableDays", out var days) && days.ValueKind == JsonValueKind.Number
                ? days.GetInt32()
                : null,
            Tags: ReadTags(bundle));
    }

    private static Dictionary<string, string> ReadTags(JsonElement bundle)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bundle.TryGetProperty("tags", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in element.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
            }
        }

        return tags;
    }

    private static DateTimeOffset? UnixTime(JsonElement attributes, string name) =>
        attributes.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds(value.GetInt64())
            : null;

    private static byte[] Base64UrlOrEmpty(JsonElement element, string name) =>
        StringOrNull(element, name) is { } encoded ? Base64Url.DecodeFromChars(encoded) : [];

    private static JsonElement ParseEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static JsonDocument Parse(BinaryData body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("Key Vault's response is not JSON.", exception);
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidDataException($"Key Vault's response has no '{name}' object.");

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
