using System.Globalization;
using System.Text.RegularExpressions;
using CmkFunctions.Workflows.Api.Callers;
using Microsoft.OpenApi;

namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>
/// The API's OpenAPI 3.1 document, built once from <see cref="HttpFunctions.All"/>: one operation per function (its name
/// the operation id) with its path parameters, the contract's parameters, body and answers, and the access its route
/// needs: the bearer scheme with the route's app roles, plus the gate's 401 and 403; public routes need no security.
/// </summary>
public static partial class ApiDocument
{
    private const string BearerScheme = "bearer";

    private static readonly Lazy<string> Serialized = new(() => Serialize(Build(HttpFunctions.All)));

    private static readonly IReadOnlyDictionary<string, string> PathParameterDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "The resource's name.",
        ["disk"] = "The disk's name.",
        ["id"] = "The operation's id, the last segment of its Azure-AsyncOperation URL.",
    };

    /// <summary>The document as JSON.</summary>
    public static string Json => Serialized.Value;

    private static OpenApiDocument Build(IReadOnlyList<HttpFunction> functions)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "CmkFunctions API",
                Version = "v1",
                Description = "Customer-managed-key encryption for the disks of cloud resources: create resources whose disks are "
                    + "encrypted under a key in the customer's Key Vault, change and rotate their keys, and read and write their disks.",
            },
            Tags = functions.Select(function => function.Contract.Tag).Distinct(StringComparer.Ordinal).Select(tag => new OpenApiTag { Name = tag }).ToHashSet(),
        };
        document.AddComponent(BearerScheme, Bearer());
        document.Security = [Requirement(document, [])];
        var schemas = new WireSchemas(document);
        foreach (var route in functions.GroupBy(function => function.Path, StringComparer.Ordinal))
        {
            document.Paths[route.Key] = new OpenApiPathItem
            {
                Operations = route.ToDictionary(function => new HttpMethod(function.Method), function => Operation(document, schemas, function)),
            };
        }

        return document;
    }

    private static string Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static OpenApiOperation Operation(OpenApiDocument document, WireSchemas schemas, HttpFunction function)
    {
        var contract = function.Contract;
        var access = function.Access;
        var responses = new OpenApiResponses();
        foreach (var answer in contract.Answers.Concat(GateAnswers(access)).OrderBy(answer => answer.Status))
        {
            responses[answer.Status.ToString(CultureInfo.InvariantCulture)] = Response(schemas, answer);
        }

        return new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = contract.Summary,
            Description = access.IsPublic
                ? contract.Description
                : $"{contract.Description}\n\nNeeds a bearer token with one of the app roles {string.Join(", ", access.AnyOfRoles)}.",
            Tags = new HashSet<OpenApiTagReference> { new(contract.Tag, document) },
            Parameters = [.. PathParameters(function.Path), .. (contract.Parameters ?? []).Select(Parameter)],
            RequestBody = contract.Request is { } body ? RequestBody(schemas, body) : null,
            Responses = responses,
            Security = access.IsPublic ? [] : [Requirement(document, access.AnyOfRoles)],
        };
    }

    /// <summary>What <see cref="ApiGate"/> answers before a handler runs, on every route that needs a token.</summary>
    private static IEnumerable<HttpAnswer> GateAnswers(RouteAccess access) => access.IsPublic
        ? []
        :
        [
            HttpAnswer.Problem(StatusCodes.Status401Unauthorized, "No valid bearer token for the API (code auth.unauthenticated).")
                .With("WWW-Authenticate", "The Bearer challenge; its error_description says what was wrong with the token."),
            HttpAnswer.Problem(StatusCodes.Status403Forbidden, $"The token has none of the app roles {string.Join(", ", access.AnyOfRoles)} (code auth.role-missing)."),
        ];

    private static IEnumerable<IOpenApiParameter> PathParameters(string route) =>
        RouteParameter().Matches(route).Select(match => new OpenApiParameter
        {
            Name = match.Groups["name"].Value,
            In = ParameterLocation.Path,
            Required = true,
            Description = PathParameterDescriptions.GetValueOrDefault(match.Groups["name"].Value),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    private static OpenApiParameter Parameter(HttpParameter parameter) => new()
    {
        Name = parameter.Name,
        In = parameter.In,
        Required = parameter.Required,
        Description = parameter.Description,
        Schema = parameter.Range is (var minimum, var maximum)
            ? new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Minimum = minimum.ToString(CultureInfo.InvariantCulture),
                Maximum = maximum.ToString(CultureInfo.InvariantCulture),
            }
            : new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiRequestBody RequestBody(WireSchemas schemas, HttpBody body) => new()
    {
        Required = true,
        Description = body.Description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            [body.MediaType] = new OpenApiMediaType { Schema = body.Schema is null ? Bytes() : schemas.Of(body.Schema, written: false) },
        },
    };

    private static OpenApiResponse Response(WireSchemas schemas, HttpAnswer answer) => new()
    {
        Description = answer.Description,
        Headers = answer.Headers?.ToDictionary(
            header => header.Name,
            header => (IOpenApiHeader)new OpenApiHeader { Description = header.Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
        Content = answer.MediaType is null
            ? null
            : new Dictionary<string, IOpenApiMediaType>
            {
                [answer.MediaType] = new OpenApiMediaType
                {
                    Schema = answer.Schema is not null ? schemas.Of(answer.Schema, written: true)
                        : answer.MediaType == "application/octet-stream" ? Bytes()
                        : null,
                },
            },
    };

    /// <summary>Raw bytes, as OpenAPI 3.1 says it: a string whose content is of the body's media type.</summary>
    private static OpenApiSchema Bytes() => new() { Type = JsonSchemaType.String, ContentMediaType = "application/octet-stream" };

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, IReadOnlyList<string> roles) =>
        new() { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [.. roles] };

    private static OpenApiSecurityScheme Bearer() => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "An Entra ID access token for the API's audience (Cmk:ApiAudience), RS256-signed by the issuer of the caller's "
            + "tenant; the local stack's managed-identity endpoint hands out the same kind. Its roles claim carries the API's app roles: "
            + $"{ApiRoles.Reader} reads resources and operations; {ApiRoles.Contributor} creates, changes, authorizes, scales up and "
            + $"deletes them (and reads them); {ApiRoles.DiskDataReader} reads disks' decrypted content; {ApiRoles.DiskDataWriter} "
            + "writes disks' content (and reads it). Each operation's security requirement lists the roles it accepts, any one of which suffices.",
    };

    [GeneratedRegex(@"\{(?<name>[^}:?]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
