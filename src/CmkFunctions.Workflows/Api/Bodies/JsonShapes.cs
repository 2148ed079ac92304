using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CmkFunctions.Workflows.Api.Bodies;

/// <summary>The shapes of JSON values in sentences: what a member of a request type takes, and what a request gave.</summary>
internal static class JsonShapes
{
    private const int QuotedLength = 40;

    /// <summary>What the member at <paramref name="path"/> of <paramref name="type"/> takes ("an integer", "an array"); null when the path leads to no member.</summary>
    public static string? Expected(JsonSerializerOptions options, Type type, JsonPath path)
    {
        var info = options.GetTypeInfo(type);
        foreach (var step in path.Steps)
        {
            if (TypeAt(info, step) is not { } next)
            {
                return null;
            }

            info = options.GetTypeInfo(next);
        }

        return Describe(info);
    }

    /// <summary>A value as a sentence names it: <c>the string "big"</c>, <c>the number 1.5</c>, <c>an object</c>, <c>null</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shortened(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shortened(value.GetRawText())}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>The type of a member (by name, of an object or a dictionary) or of an array's items (by index).</summary>
    private static Type? TypeAt(JsonTypeInfo info, JsonPathStep step) => (step.Member, info.Kind) switch
    {
        ({ } member, JsonTypeInfoKind.Object) => info.Properties.FirstOrDefault(property => string.Equals(property.Name, member, StringComparison.OrdinalIgnoreCase))?.PropertyType,
        (not null, JsonTypeInfoKind.Dictionary) or (null, JsonTypeInfoKind.Enumerable) => info.ElementType,
        _ => null,
    };

    private static string Describe(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
        JsonTypeInfoKind.Enumerable => "an array",
        _ => (Nullable.GetUnderlyingType(info.Type) ?? info.Type) switch
        {
            var type when type == typeof(string) => "a string",
            var type when type == typeof(bool) => "true or false",
            var type when type == typeof(long) => "an integer",
            var type => $"a {type.Name}",
        },
    };

    private static string Shortened(string text) => text.Length <= QuotedLength ? text : string.Concat(text.AsSpan(0, QuotedLength), "...");
}
