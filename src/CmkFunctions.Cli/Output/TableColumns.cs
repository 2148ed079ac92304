using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Output;

/// <summary>The main fields <c>--output table</c> and <c>tsv</c> show of each kind of answer, by header and path.</summary>
internal static class TableColumns
{
    private static readonly (string Header, string Path)[] Resource =
    [
        ("Name", ".name"), ("Kind", ".kind"), ("Region", ".region"), ("ProvisioningState", ".provisioningState"),
        ("EncryptionStatus", ".encryptionStatus"), ("ActiveKeyId", ".encryption.activeKeyId"),
    ];

    private static readonly (string Header, string Path)[] Operation =
    [
        ("Id", ".id"), ("Action", ".action"), ("ResourceName", ".resourceName"), ("Status", ".status"),
        ("StartTime", ".startTime"), ("EndTime", ".endTime"),
    ];

    private static readonly (string Header, string Path)[] Disk =
    [
        ("Name", ".name"), ("Kind", ".kind"), ("SizeBytes", ".sizeBytes"), ("State", ".state"), ("KeySource", ".keySource"),
    ];

    /// <summary>The columns for rows shaped like <paramref name="row"/>: its kind's main fields, or its scalar members.</summary>
    public static IReadOnlyList<(string Header, JsonQuery Path)> For(JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var columns = row.ContainsKey("provisioningState") ? Resource
            : row.ContainsKey("status") && row.ContainsKey("action") ? Operation
            : row.ContainsKey("sizeBytes") && row.ContainsKey("state") ? Disk
            : [.. row.Where(member => member.Value is null or JsonValue).Select(member => (member.Key, "." + member.Key))];
        return [.. columns.Select(column => (column.Header, JsonQuery.Parse(column.Path)))];
    }
}
