using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CmkFunctions.Workflows.Api.Bodies;

/// <summary>
/// A path into a request body as System.Text.Json reports it (<c>$.disks[1].sizeBytes</c>, <c>$.properties['a b']</c>):
/// its steps, and the member it names as violations name it (<c>disks[1].sizeBytes</c>; none for the body itself).
/// </summary>
internal sealed partial class JsonPath
{
    private JsonPath(string? target, IReadOnlyList<JsonPathStep> steps) => (Target, Steps) = (target, steps);

    /// <summary>The path without its root <c>$</c>; null for the body itself.</summary>
    public string? Target { get; }

    public IReadOnlyList<JsonPathStep> Steps { get; }

    public static JsonPath Parse(string? path)
    {
        path ??= "$";
        var target = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return new JsonPath(target.Length == 0 ? null : target, [.. StepPattern().Matches(path).Select(ToStep)]);
    }

    /// <summary>The value the path leads to in <paramref name="root"/>, matching member names as the reader does (ignoring case).</summary>
    public JsonElement? Find(JsonElement root)
    {
        var current = root;
        foreach (var step in Steps)
        {
            if (Next(current, step) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static JsonPathStep ToStep(Match step) => step.Groups["index"].Success
        ? new JsonPathStep(null, int.Parse(step.Groups["index"].ValueSpan, CultureInfo.InvariantCulture))
        : new JsonPathStep(step.Groups["member"].Success ? step.Groups["member"].Value : step.Groups["quoted"].Value.Replace(@"\'", "'", StringComparison.Ordinal), 0);

    private static JsonElement? Next(JsonElement value, JsonPathStep step)
    {
        if (step.Member is null)
        {
            return value.ValueKind == JsonValueKind.Array && step.Index < value.GetArrayLength() ? value[step.Index] : null;
        }

        JsonElement? found = null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (string.Equals(property.Name, step.Member, StringComparison.OrdinalIgnoreCase))
                {
                    found = property.Value;
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"\.(?<member>[^.\[]+)|\['(?<quoted>(?:\\'|[^'])*)'\]|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();
}

/// <summary>One step of a <see cref="JsonPath"/>: a member by name, or an array item by index when <see cref="Member"/> is null.</summary>
internal readonly record struct JsonPathStep(string? Member, int Index);
