using System.Globalization;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Output;

/// <summary>
/// <c>--query</c>: a jq-style path. <c>.</c> is the whole answer, <c>.a.b</c> a member, <c>.a[0]</c> an element,
/// <c>.a[].b</c> the member of every element (an array). What is absent is null.
/// </summary>
internal sealed class JsonQuery
{
    private readonly IReadOnlyList<Step> _steps;

    private JsonQuery(IReadOnlyList<Step> steps) => _steps = steps;

    /// <exception cref="CommandFailedException">The path is not one this subset reads.</exception>
    public static JsonQuery Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('.'))
        {
            throw Malformed(path, "it must start with '.'");
        }

        var steps = new List<Step>();
        var at = path == "." ? 1 : 0;
        while (at < path.Length)
        {
            if (path[at] == '.')
            {
                var end = at + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == at + 1)
                {
                    throw Malformed(path, $"a member name is missing at position {at + 1}");
                }

                steps.Add(new Step(path[(at + 1)..end], null));
                at = end;
            }
            else if (path[at] == '[')
            {
                var close = path.IndexOf(']', at);
                if (close < 0)
                {
                    throw Malformed(path, $"the '[' at position {at + 1} is not closed");
                }

                var inside = path[(at + 1)..close];
                if (inside.Length == 0)
                {
                    steps.Add(new Step(null, null));
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Step(null, index));
                }
                else
                {
                    throw Malformed(path, $"'[{inside}]' is not an index or []");
                }

                at = close + 1;
            }
            else
            {
                throw Malformed(path, $"unexpected '{path[at]}' at position {at + 1}");
            }
        }

        return new JsonQuery(steps);
    }

    public JsonNode? Apply(JsonNode? node) => Apply(node, 0);

    private JsonNode? Apply(JsonNode? node, int from)
    {
        for (var i = from; i < _steps.Count; i++)
        {
            var step = _steps[i];
            if (step.Member is { } member)
            {
                node = node is JsonObject json && json.TryGetPropertyValue(member, out var value) ? value : null;
            }
            else if (step.Index is { } index)
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
            else
            {
                return node is JsonArray array
                    ? new JsonArray([.. array.Select(element => Apply(element, i + 1))])
                    : null;
            }
        }

        return node?.DeepClone();
    }

    private static CommandFailedException Malformed(string path, string why) =>
        CommandFailedException.Usage($"--query '{path}' is not a path like .a.b, .a[0] or .a[].b: {why}.");

    /// <summary>A member (<see cref="Member"/>), an element (<see cref="Index"/>), or every element (neither).</summary>
    private sealed record Step(string? Member, int? Index);
}
