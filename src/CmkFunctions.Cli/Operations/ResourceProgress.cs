using System.Globalization;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Operations;

/// <summary>What a progress line says of a resource: its state and, while its disks provision, how many are done.</summary>
internal static class ResourceProgress
{
    public static string Describe(JsonNode? resource)
    {
        var state = resource?["provisioningState"]?.GetValue<string>() ?? "gone";
        if (state != "ProvisioningDisks" || resource?["disks"] is not JsonArray { Count: > 0 } disks)
        {
            return state;
        }

        var done = disks.Count(disk => disk?["state"]?.GetValue<string>() == "Succeeded");
        return string.Create(CultureInfo.InvariantCulture, $"{state} {done}/{disks.Count} disks ({done * 100 / disks.Count}%)");
    }
}
