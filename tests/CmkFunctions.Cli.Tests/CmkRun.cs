using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Tests;

/// <summary>One finished <c>cmk</c> command: its exit code, stdout and stderr.</summary>
public sealed record CmkRun(IReadOnlyList<string> Arguments, int ExitCode, string Output, string Error)
{
    /// <summary>stdout as JSON (the default output).</summary>
    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException($"stdout is JSON null: {this}");

    public IReadOnlyList<string> OutputLines => Lines(Output);

    public IReadOnlyList<string> ErrorLines => Lines(Error);

    public override string ToString() =>
        $"cmk {string.Join(' ', Arguments)} exited with {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
