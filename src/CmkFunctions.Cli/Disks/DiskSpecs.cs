using System.CommandLine;
using System.Globalization;
using CmkFunctions.Workflows.Api.Wire;

namespace CmkFunctions.Cli.Disks;

/// <summary><c>--disk name:kind:size[:sourceUri]</c>, repeatable: the disks of a create or a scale-up.</summary>
internal static class DiskSpecs
{
    public static Option<string[]> Option(bool required) => new("--disk")
    {
        Description = "A disk as name:kind:sizeBytes[:sourceUri] (repeat for more); the source blob fills it.",
        Required = required,
    };

    /// <exception cref="CommandFailedException">A value is not name:kind:size[:sourceUri].</exception>
    public static List<DiskBody>? Parse(string[]? values) =>
        values is null or { Length: 0 } ? null : [.. values.Select(Parse)];

    private static DiskBody Parse(string value)
    {
        var parts = value.Split(':', 4);
        if (parts.Length < 3 || parts[0].Length == 0 || parts[1].Length == 0
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw CommandFailedException.Usage($"--disk '{value}' is not name:kind:sizeBytes[:sourceUri] (e.g. cache0:data:16777216).");
        }

        return new DiskBody(parts[0], parts[1], size, parts.Length == 4 ? parts[3] : null);
    }
}
