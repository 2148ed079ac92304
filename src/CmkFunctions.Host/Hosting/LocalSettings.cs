using System.Text.Json;

namespace CmkFunctions.Host.Hosting;

/// <summary>
/// Functions' <c>local.settings.json</c>: <c>{"IsEncrypted": false, "Values": {"NAME": "value", ...}}</c>. Each value
/// becomes an environment variable unless one of that name is already set, so real environment variables win and
/// libraries that read the environment directly (Azure.Identity's <c>IDENTITY_ENDPOINT</c>) see the values too.
/// In names, <c>__</c> means <c>:</c> (<c>Cmk__AuthorizationTimeout</c> is <c>Cmk:AuthorizationTimeout</c>).
/// </summary>
public static class LocalSettings
{
    /// <exception cref="InvalidDataException">The file is not in Functions' format or is marked encrypted.</exception>
    public static void ApplyToEnvironment(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var (name, value) in Read(path))
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidDataException($"{path} is marked IsEncrypted; this host reads plain values only.");
        }

        if (!root.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} has no \"Values\" object; use {{\"IsEncrypted\": false, \"Values\": {{...}}}}.");
        }

        return values.EnumerateObject().ToDictionary(
            property => property.Name,
            property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(),
            StringComparer.Ordinal);
    }
}
