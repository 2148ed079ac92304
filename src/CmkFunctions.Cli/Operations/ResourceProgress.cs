using System.Globalization;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Operations;

/// <summary>
/// What a progress line says of a resource: its state and, while an operation moves disk data, the chunks and bytes
/// done of the total (the resource's <c>progress</c>), as a percentage.
/// </summary>
internal static class ResourceProgress
{
    public static string Describe(JsonNode? resource)
    {
        var state = resource?["provisioningState"]?.GetValue<string>() ?? "gone";
        var progress = resource?["progress"] as JsonObject;
        var total = progress?["chunksTotal"]?.GetValue<long>() ?? 0;
        var done = progress?["chunksDone"]?.GetValue<long>() ?? 0;
        if (total <= 0 || done >= total)
        {
            return state;
        }

        var bytesDone = progress!["bytesDone"]?.GetValue<long>() ?? 0;
        var bytesTotal = progress["bytesTotal"]?.GetValue<long>() ?? 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{state} {done * 100 / total}% ({done}/{total} chunks, {Mebibytes(bytesDone)}/{Mebibytes(bytesTotal)} MiB)");
    }

    private static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
