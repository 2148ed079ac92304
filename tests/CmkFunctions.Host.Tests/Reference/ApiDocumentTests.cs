using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;
using CmkFunctions.Workflows.Api;
using Microsoft.OpenApi;

namespace CmkFunctions.Host.Tests.Reference;

/// <summary>
/// The OpenAPI document the host serves at <c>/openapi/v1.json</c>: valid OpenAPI 3.1, exactly the routes of
/// <see cref="HttpFunctions.All"/> (a route added without documentation fails here), each with the access, bodies and
/// answers it has.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class ApiDocumentTests(HostTestFixture fixture)
{
    private static readonly int[] ProblemStatuses = [400, 401, 403, 404, 409, 413, 416];

    [Fact]
    public async Task TheDocumentIsValidOpenApi31ServedWithoutAToken()
    {
        using var http = fixture.Host.HttpAs(clientId: null);

        using var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(document);
        Assert.True(diagnostic!.Errors.Count == 0, string.Join("\n", diagnostic.Errors.Select(error => $"{error.Pointer}: {error.Message}")));
        Assert.StartsWith("3.1", JsonNode.Parse(json)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDocumentListsExactlyTheRoutesOfTheTable()
    {
        var document = await ServedDocumentAsync();

        var documented = document.Paths
            .SelectMany(path => path.Value.Operations!.Keys.Select(method => $"{method.Method.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal);
        var routed = HttpFunctions.All.Select(function => $"{function.Method} {function.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(routed, documented);
    }

    [Fact]
    public async Task EachOperationIsNamedAfterItsFunctionAndHasItsPathParameters()
    {
        var document = await ServedDocumentAsync();

        Assert.All(HttpFunctions.All, function =>
        {
            var operation = OperationOf(document, function);
            Assert.Equal(function.Name, operation.OperationId);
            var pathParameters = (operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Path).Select(parameter => parameter.Name);
            var templateParameters = function.Path.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'));
            Assert.Equal(templateParameters, pathParameters);
        });
    }

    [Fact]
    public async Task EachRouteThatNeedsATokenRequiresTheBearerSchemeWithItsRolesAndPublicRoutesNone()
    {
        var document = await ServedDocumentAsync();

        var scheme = document.Components!.SecuritySchemes!["bearer"];
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        Assert.All(ApiCallers.AllRoles, role => Assert.Contains(role, scheme.Description, StringComparison.Ordinal));
        Assert.All(HttpFunctions.All, function =>
        {
            var operation = OperationOf(document, function);
            Assert.NotNull(operation.Security);
            if (function.Access.IsPublic)
            {
                Assert.Empty(operation.Security);
                return;
            }

            var (schemeReference, roles) = Assert.Single(Assert.Single(operation.Security));
            Assert.Equal("bearer", schemeReference.Reference.Id);
            Assert.Equal(function.Access.AnyOfRoles, roles);
            Assert.Contains("401", operation.Responses!.Keys);
            Assert.Contains("403", operation.Responses.Keys);
        });
    }

    [Fact]
    public async Task TheCreateBodyHasKindDisksAndEncryption()
    {
        var document = await ServedDocumentAsync();

        var body = OperationOf(document, "CreateResource").RequestBody!.Content!["application/json"].Schema!;

        Assert.Contains("kind", body.Properties!.Keys);
        Assert.Contains("disks", body.Properties.Keys);
        Assert.Contains("encryption", body.Properties.Keys);
        Assert.Contains("keyUri", body.Properties["encryption"].OneOf!.First().Properties!.Keys);
    }

    [Fact]
    public async Task EveryPutAndPatchAndEveryPostThatReadsABodyDocumentsItsBody()
    {
        var document = await ServedDocumentAsync();

        var expected = HttpFunctions.All
            .Where(function => function.Method is "PUT" or "PATCH" || function.Contract.Request is not null)
            .Select(function => function.Name);
        var documented = HttpFunctions.All
            .Where(function => OperationOf(document, function).RequestBody?.Content is { Count: > 0 })
            .Select(function => function.Name)
            .ToList();

        Assert.Equal(expected, documented);
        Assert.Contains("AddDisks", documented);
    }

    [Fact]
    public async Task ProblemAnswersAreProblemJsonAndRefusalsListTheirViolations()
    {
        var document = await ServedDocumentAsync();

        var problems = document.Paths.Values
            .SelectMany(path => path.Operations!.Values)
            .SelectMany(operation => operation.Responses!)
            .Where(response => int.Parse(response.Key, CultureInfo.InvariantCulture) >= 400 && response.Value.Content is { Count: > 0 })
            .ToList();
        var refusal = OperationOf(document, "CreateResource").Responses!["400"].Content!["application/problem+json"].Schema!;

        Assert.Superset(ProblemStatuses.Select(status => status.ToString(CultureInfo.InvariantCulture)).ToHashSet(), problems.Select(problem => problem.Key).ToHashSet());
        Assert.All(problems, problem => Assert.Equal("application/problem+json", Assert.Single(problem.Value.Content!).Key));
        Assert.Contains(refusal.AllOf!, part => part.Properties?.ContainsKey("violations") == true);
        Assert.Contains(refusal.AllOf!, part => part.Properties?.ContainsKey("detail") == true);
    }

    [Fact]
    public async Task AcceptedAnswersCarryLocationAndAzureAsyncOperation()
    {
        var document = await ServedDocumentAsync();

        var accepted = document.Paths.Values
            .SelectMany(path => path.Operations!.Values)
            .Where(operation => operation.Responses!.ContainsKey("202"))
            .ToList();

        Assert.Equal(4, accepted.Count);
        Assert.All(accepted, operation =>
        {
            var headers = operation.Responses!["202"].Headers!;
            Assert.Contains("Location", headers.Keys);
            Assert.Contains("Azure-AsyncOperation", headers.Keys);
        });
    }

    [Fact]
    public async Task DiskContentIsBytesWithByteRanges()
    {
        var document = await ServedDocumentAsync();

        var read = OperationOf(document, "ReadDiskContent");
        var write = OperationOf(document, "WriteDiskContent");

        Assert.Contains(read.Parameters!, parameter => parameter.In == ParameterLocation.Header && parameter.Name == "Range");
        Assert.Contains("application/octet-stream", read.Responses!["200"].Content!.Keys);
        Assert.Contains("application/octet-stream", read.Responses["206"].Content!.Keys);
        Assert.Contains("Content-Range", read.Responses["206"].Headers!.Keys);
        Assert.Contains("Content-Range", read.Responses["416"].Headers!.Keys);
        Assert.Contains(write.Parameters!, parameter => parameter.In == ParameterLocation.Header && parameter.Name == "Content-Range");
        Assert.Contains("application/octet-stream", write.RequestBody!.Content!.Keys);
    }

    [Fact]
    public async Task TheResourceListTakesTopAndSkipTokenAndAnswersAValueWithAnOptionalNextLink()
    {
        var document = await ServedDocumentAsync();

        var list = OperationOf(document, "ListResources");
        var top = Assert.Single(list.Parameters!, parameter => parameter.Name == "$top");
        var skipToken = Assert.Single(list.Parameters!, parameter => parameter.Name == "$skiptoken");
        var page = list.Responses!["200"].Content!["application/json"].Schema!;

        Assert.Equal(ParameterLocation.Query, top.In);
        Assert.Equal(JsonSchemaType.Integer, top.Schema!.Type);
        Assert.Equal("1", top.Schema.Minimum);
        Assert.Equal("1000", top.Schema.Maximum);
        Assert.Equal(ParameterLocation.Query, skipToken.In);
        Assert.Equal(["nextLink", "value"], page.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["value"], page.Required!);
        Assert.Contains("request.page-size", list.Responses["400"].Description, StringComparison.Ordinal);
    }

    private async Task<OpenApiDocument> ServedDocumentAsync()
    {
        using var http = fixture.Host.HttpAs(clientId: null);
        var (document, _) = OpenApiDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)), "json");
        return document!;
    }

    private static OpenApiOperation OperationOf(OpenApiDocument document, string functionName) =>
        OperationOf(document, HttpFunctions.All.Single(function => function.Name == functionName));

    private static OpenApiOperation OperationOf(OpenApiDocument document, HttpFunction function) =>
        document.Paths[function.Path].Operations![new HttpMethod(function.Method)];
}
