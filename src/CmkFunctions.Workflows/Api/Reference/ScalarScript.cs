using System.IO.Compression;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>
/// Scalar's standalone browser bundle, as its package embeds it (gzip-compressed): sent compressed to a client that
/// accepts gzip, decompressed once otherwise.
/// </summary>
internal static class ScalarScript
{
    private const string ContentType = "text/javascript";

    private static readonly Lazy<byte[]> Compressed = new(Load);

    private static readonly Lazy<byte[]> Plain = new(Decompress);

    public static IResult For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.HttpContext.Response;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = "public, max-age=86400";
        if (!AcceptsGzip(request))
        {
            return TypedResults.Bytes(Plain.Value, ContentType);
        }

        response.Headers.ContentEncoding = "gzip";
        return TypedResults.Bytes(Compressed.Value, ContentType);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(encoding =>
            string.Equals(encoding.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase) && encoding.Quality is not 0.0);

    /// <summary>The package's resource <c>ScalarStaticAssets.scalar.js</c> (its other script is the package's own loader).</summary>
    private static byte[] Load()
    {
        var assembly = typeof(ScalarOptions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith(".scalar.js", StringComparison.Ordinal));
        using var resource = assembly.GetManifestResourceStream(name)!;
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static byte[] Decompress()
    {
        using var gzip = new GZipStream(new MemoryStream(Compressed.Value), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
