using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Validation;

/// <summary>
/// Bodies the service cannot take as they are: not JSON, a value of the wrong type, a value it does not know, a member
/// missing, too many bytes. Each is one RFC 7807 answer whose violation names the problem's code and the member at
/// fault, and nothing is created or changed.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class MalformedRequestTests(HostTestFixture fixture)
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly ServiceClient _service = new(fixture.Host);

    [Fact]
    public async Task MalformedJsonIsRefusedAtItsLineAndPosition()
    {
        var name = TestNames.Unique("json");
        using var content = new StringContent("{\n  \"kind\": \"hpc-cache\",,\n  \"region\": \"eastus\"\n}", Encoding.UTF8, "application/json");

        using var response = await _service.Http.PutAsync(ResourceUri(name), content);

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "request.json-invalid");
        Assert.Contains("not valid JSON at line 2, position 23", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task StringWhereANumberBelongsIsRefusedNamingTheMember()
    {
        var name = TestNames.Unique("type");

        using var response = await _service.CreateAsync(name, ValidBody().With("disks[0].sizeBytes", "large"));

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "request.json-type-mismatch", "disks[0].sizeBytes");
        Assert.StartsWith("disks[0].sizeBytes must be an integer; the request gives the string \"large\" (at line 1, position ", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task ObjectWhereAnArrayBelongsIsRefusedNamingTheMember()
    {
        var name = TestNames.Unique("type");

        using var response = await _service.CreateAsync(name, ValidBody().With("disks", new JsonObject { ["name"] = "cache0" }));

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "request.json-type-mismatch", "disks");
        Assert.StartsWith("disks must be an array; the request gives an object", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Theory]
    [InlineData("kind", "quantum-cache", "request.kind-unknown", "'hpc-cache', 'hdinsight', 'vmware', 'redis', 'ml-workspace'")]
    [InlineData("encryption.keySource", "Microsoft.Storage", "request.key-source-unknown", "'Microsoft.KeyVault'")]
    [InlineData("encryption.identity.type", "robot", "request.identity-type-unknown", "'system'")]
    [InlineData("disks[0].kind", "ssd", "request.disk-kind-unknown", "'os', 'data', 'temp', 'persistence', 'flash', 'scratch', 'metadata'")]
    public async Task UnknownValueIsRefusedNamingTheMemberAndTheValuesAllowed(string member, string value, string code, string allowed)
    {
        var name = TestNames.Unique("value");

        using var response = await _service.CreateAsync(name, ValidBody().With(member, value));

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, code, member);
        Assert.Contains($"'{value}'", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(allowed, violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Theory]
    [InlineData("kind", "request.kind-missing")]
    [InlineData("disks[0].sizeBytes", "request.disk-size-missing")]
    public async Task MissingMemberIsRefusedNamingIt(string member, string code)
    {
        var name = TestNames.Unique("missing");

        using var response = await _service.CreateAsync(name, ValidBody().Without(member));

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, code, member);
        Assert.Contains(member, violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task EmptyBodyIsRefused()
    {
        var name = TestNames.Unique("empty");
        using var content = new StringContent(string.Empty, Encoding.UTF8, "application/json");

        using var response = await _service.Http.PutAsync(ResourceUri(name), content);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "request.body-missing");
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task OversizeBodyWithItsLengthDeclaredIsRefusedUnread()
    {
        var name = TestNames.Unique("large");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(OversizeBody().ToJsonString()));
        content.Headers.ContentType = new("application/json");

        using var response = await _service.Http.PutAsync(ResourceUri(name), content);

        var violation = await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "request.body-too-large");
        Assert.Contains($"at most {MaxBodyBytes} bytes", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task OversizeBodySentWithoutALengthIsRefusedOnceItPassesTheLimit()
    {
        var name = TestNames.Unique("large");
        using var content = JsonContent.Create(OversizeBody());
        Assert.Null(content.Headers.ContentLength);

        using var response = await _service.Http.PutAsync(ResourceUri(name), content);

        var violation = await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "request.body-too-large");
        Assert.Contains($"past {MaxBodyBytes} bytes", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync(name);
    }

    [Fact]
    public async Task EncryptionChangeWithAValueOfTheWrongTypeChangesNothing()
    {
        var name = TestNames.Unique("patch");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using (var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString())))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Accepted, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var before = await _service.GetResourceAsync(name);

        using var response = await _service.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), new JsonObject { ["keyUri"] = 42 });

        var violation = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "request.json-type-mismatch", "keyUri");
        Assert.StartsWith("keyUri must be a string; the request gives the number 42", violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await _service.GetResourceAsync(name);
        Assert.Equal(before["encryption"]!.ToJsonString(), after["encryption"]!.ToJsonString());
        Assert.NotEqual("Updating", after["provisioningState"]!.GetValue<string>());
        using var deleted = await _service.DeleteAsync(name);
    }

    /// <summary>A create request that passes every check of the request alone; tests break one member of it.</summary>
    private JsonObject ValidBody() =>
        ResourceBodies.HpcCache(fixture.KeyVault, $"{fixture.KeyVault.VaultUri(ResourceBodies.DemoVault)}keys/unused");

    /// <summary>A well-formed create request over the limit: its one property is a long string.</summary>
    private JsonObject OversizeBody() => ValidBody().With("properties", new JsonObject { ["padding"] = new string('x', MaxBodyBytes + 1) });

    /// <summary>
    /// Asserts the answer is <paramref name="status"/> in <c>application/problem+json</c> with one violation of
    /// <paramref name="code"/> (naming <paramref name="target"/>, or no member), its sentence in <c>detail</c> and
    /// <c>errors</c>; returns the violation.
    /// </summary>
    private static async Task<JsonNode> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? target = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        var violation = Assert.Single(problem["violations"]!.AsArray())!;
        Assert.Equal(code, violation["code"]!.GetValue<string>());
        Assert.Equal(target, violation["target"]?.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Equal(violation["detail"]!.GetValue<string>(), problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![code]);
        return violation;
    }

    private async Task AssertNothingCreatedAsync(string name)
    {
        using var response = await _service.GetAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Uri ResourceUri(string name) => new($"/api/resources/{name}", UriKind.Relative);
}
