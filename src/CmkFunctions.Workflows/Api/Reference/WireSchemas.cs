using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>
/// JSON Schemas of the wire records as both hosts' JSON (web defaults, camelCase) reads and writes them: each record is
/// one component schema of the document, referenced by its type's name. An answer lists as required every member the
/// service always writes (null included); a request body requires none, since the service names each missing member in
/// its refusal instead.
/// </summary>
internal sealed class WireSchemas(OpenApiDocument document)
{
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    /// <param name="written">Whether the service writes the record (an answer) rather than reads it (a request body).</param>
    public IOpenApiSchema Of(Type type, bool written)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(ProblemDetails))
        {
            return Component(ProblemSchemas.ProblemDetails, ProblemSchemas.Problem);
        }

        if (type == typeof(HttpValidationProblemDetails))
        {
            return Component(ProblemSchemas.ValidationProblem, () => ProblemSchemas.Refusal(Of(typeof(ProblemDetails), written: true)));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return OrNull(Of(underlying, written));
        }

        if (Primitive(type) is { } primitive)
        {
            return primitive;
        }

        var info = JsonSerializerOptions.Web.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(info.ElementType!, written) },
            JsonTypeInfoKind.Dictionary => new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Of(info.ElementType!, written) },
            JsonTypeInfoKind.Object => Component(type.Name, () => Record(info, written)),
            _ => new OpenApiSchema(),
        };
    }

    private OpenApiSchema Record(JsonTypeInfo info, bool written)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            var nullable = written ? property.IsGetNullable : property.IsSetNullable;
            var member = Of(property.PropertyType, written);
            properties[property.Name] = nullable && !property.PropertyType.IsValueType ? OrNull(member) : member;
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = properties,
            // A member ignored when null (ShouldSerialize set) may be absent from an answer; every other member is always written.
            Required = written
                ? info.Properties.Where(property => property.ShouldSerialize is null).Select(property => property.Name).ToHashSet(StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>A reference to the component <paramref name="name"/>, described on first use (a record may refer to itself).</summary>
    private OpenApiSchemaReference Component(string name, Func<OpenApiSchema> describe)
    {
        if (_named.Add(name))
        {
            document.AddComponent(name, describe());
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static OpenApiSchema? Primitive(Type type) => type switch
    {
        _ when type == typeof(string) => new OpenApiSchema { Type = JsonSchemaType.String },
        _ when type == typeof(bool) => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        _ when type == typeof(long) => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        _ when type == typeof(DateTimeOffset) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        _ when type == typeof(JsonElement) || type == typeof(object) => new OpenApiSchema(),
        _ => null,
    };

    /// <summary>The schema or JSON null: a type flag on an inline schema, <c>oneOf</c> around a reference.</summary>
    private static OpenApiSchema OrNull(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchema { Type: { } type } inline => Typed(inline, type | JsonSchemaType.Null),
        OpenApiSchema { Type: null } any => any,
        _ => new OpenApiSchema { OneOf = [schema, new OpenApiSchema { Type = JsonSchemaType.Null }] },
    };

    private static OpenApiSchema Typed(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type = type;
        return schema;
    }
}
