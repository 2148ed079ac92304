using System.Collections.Frozen;

namespace CmkFunctions.Workflows.Portal;

/// <summary>
/// The web page's files, embedded in this assembly under <c>portal/</c>. Only these names are served, so a request
/// cannot reach any other file (no path is ever joined to a folder).
/// </summary>
public static class PortalFiles
{
    private const string ResourcePrefix = "portal/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PortalFile> Files = typeof(PortalFiles).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(Load)
        .ToFrozenDictionary(file => file.Name, StringComparer.Ordinal);

    public const string Index = "index.html";

    public static bool TryGet(string name, out PortalFile file) => Files.TryGetValue(name, out file!);

    private static PortalFile Load(string resourceName)
    {
        using var stream = typeof(PortalFiles).Assembly.GetManifestResourceStream(resourceName)!;
        using var content = new MemoryStream();
        stream.CopyTo(content);
        var name = resourceName[ResourcePrefix.Length..];
        return new PortalFile(name, ContentTypes[Path.GetExtension(name)], content.ToArray());
    }
}

/// <summary>One file of the web page, its bytes and the content type it is served with.</summary>
public sealed record PortalFile(string Name, string ContentType, byte[] Content);
