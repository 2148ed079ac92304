using Microsoft.OpenApi;

namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>The schemas of the RFC 7807 answers <see cref="Problems"/> builds: any problem, and a refusal listing its violations.</summary>
internal static class ProblemSchemas
{
    public const string ProblemDetails = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblem";

    public static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 7807 problem. Further members may follow, e.g. keyId, reason and inaccessibleSince when a key is inaccessible.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI reference that names the kind of problem.", "uri-reference"),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong with this request, and what to do."),
            ["instance"] = Text("The request the problem is about.", "uri-reference"),
            ["code"] = Text("A stable code in the form area.problem, where the answer has one: auth.unauthenticated, auth.role-missing, resource.name-not-available..."),
        },
    };

    /// <summary>A refusal: the problem's members, the broken rules' sentences by code, and every violation in order.</summary>
    public static OpenApiSchema Refusal(IOpenApiSchema problem) => new()
    {
        Description = "A refused request: every rule it breaks, in one answer; nothing was changed.",
        AllOf =
        [
            problem,
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string>(StringComparer.Ordinal) { "errors", "violations" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "The violations' sentences by rule code.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("A violation's sentence.") },
                    },
                    ["violations"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Violation() },
                },
            },
        ],
    };

    private static OpenApiSchema Violation() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "code", "detail" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = Text("The rule's code, e.g. hpc-cache.key-size or request.json-type-mismatch."),
            ["detail"] = Text("A sentence naming the rule, the value at fault and what to do."),
            ["target"] = Text("The JSON path of the member at fault (kind, encryption.keyUri, disks[1].sizeBytes), when one is."),
        },
    };

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };
}
