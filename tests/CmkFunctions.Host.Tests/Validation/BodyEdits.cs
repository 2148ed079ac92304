using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CmkFunctions.Host.Tests.Validation;

/// <summary>Changes one member of a request body, named by the path a violation's target uses (<c>disks[0].kind</c>).</summary>
internal static partial class BodyEdits
{
    public static JsonObject With(this JsonObject body, string path, JsonNode? value)
    {
        var (parent, member) = Parent(body, path);
        parent[member] = value;
        return body;
    }

    public static JsonObject Without(this JsonObject body, string path)
    {
        var (parent, member) = Parent(body, path);
        Assert.True(parent.Remove(member), $"the body has no {path}");
        return body;
    }

    private static (JsonObject Parent, string Member) Parent(JsonObject body, string path)
    {
        var steps = Step().Matches(path).ToList();
        JsonNode node = body;
        foreach (var step in steps[..^1])
        {
            node = step.Groups["index"].Success ? node[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]! : node[step.Groups["member"].Value]!;
        }

        return (node.AsObject(), steps[^1].Groups["member"].Value);
    }

    [GeneratedRegex(@"(?<member>[A-Za-z]+)|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Step();
}
