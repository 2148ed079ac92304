using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Output;

/// <summary>
/// Prints an answer on stdout after <c>--query</c>: <c>json</c> indented; <c>table</c> aligned columns under a header
/// (<see cref="TableColumns"/>); <c>tsv</c> the same values tab-separated without a header, strings unquoted.
/// </summary>
internal static class AnswerWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(ParseResult parse, JsonNode? answer)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(GlobalOptions.Query) is { Length: > 0 } query)
        {
            answer = JsonQuery.Parse(query).Apply(answer);
        }

        var output = Console.Out;
        switch (parse.GetValue(GlobalOptions.Output))
        {
            case "table":
                await WriteRowsAsync(output, answer, header: true);
                break;
            case "tsv":
                await WriteRowsAsync(output, answer, header: false);
                break;
            default:
                await output.WriteLineAsync(answer is null ? "null" : answer.ToJsonString(Indented));
                break;
        }
    }

    private static async Task WriteRowsAsync(TextWriter output, JsonNode? answer, bool header)
    {
        IEnumerable<JsonNode?> items = answer switch
        {
            JsonObject json when json["value"] is JsonArray list && json.Count == 1 => list,
            JsonArray list => list,
            _ => [answer],
        };
        var rows = items.ToList();
        if (rows.Count == 0)
        {
            return;
        }

        if (rows.FirstOrDefault(row => row is JsonObject) is not JsonObject shape)
        {
            foreach (var row in rows)
            {
                await output.WriteLineAsync(Cell(row));
            }

            return;
        }

        var columns = TableColumns.For(shape);
        var cells = rows.Select(row => columns.Select(column => Cell(column.Path.Apply(row))).ToArray()).ToList();
        if (!header)
        {
            foreach (var row in cells)
            {
                await output.WriteLineAsync(string.Join('\t', row));
            }

            return;
        }

        var headers = columns.Select(column => column.Header).ToArray();
        var widths = headers.Select((title, i) => Math.Max(title.Length, cells.Max(row => row[i].Length))).ToArray();
        await output.WriteLineAsync(Line(headers, widths));
        await output.WriteLineAsync(Line([.. widths.Select(width => new string('-', width))], widths));
        foreach (var row in cells)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(string[] values, int[] widths) =>
        string.Join("  ", values.Select((value, i) => value.PadRight(widths[i]))).TrimEnd();

    private static string Cell(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };
}
