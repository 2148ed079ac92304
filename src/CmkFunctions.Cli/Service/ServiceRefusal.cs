using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Service;

/// <summary>
/// A non-success answer as the exit code and lines it gives: each RFC 7807 violation on its own line
/// (<c>code: detail (at target)</c>), or the problem's detail when it lists none.
/// </summary>
internal static class ServiceRefusal
{
    public static async Task<CommandFailedException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var exitCode = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || status >= 500
            ? ExitCodes.Unavailable
            : ExitCodes.Refused;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new CommandFailedException(exitCode, Lines(status, response.ReasonPhrase, text));
    }

    private static List<string> Lines(int status, string? reason, string text)
    {
        JsonNode? problem;
        try
        {
            problem = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            problem = null;
        }

        if (problem?["violations"] is JsonArray { Count: > 0 } violations)
        {
            return [.. violations.Select(Violation)];
        }

        var detail = Text(problem, "detail") ?? Text(problem, "title") ?? (text.Length > 0 ? text : reason);
        return [$"{status} {reason}: {detail}"];
    }

    private static string Violation(JsonNode? violation)
    {
        var line = $"{Text(violation, "code")}: {Text(violation, "detail")}";
        return Text(violation, "target") is { Length: > 0 } target ? $"{line} (at {target})" : line;
    }

    private static string? Text(JsonNode? node, string member) =>
        node is JsonObject json && json[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
