using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmkFunctions.Workflows.Records;

/// <summary>How records are stored as JSON: camelCase, enums by name.</summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
