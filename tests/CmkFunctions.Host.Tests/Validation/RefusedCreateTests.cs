using System.Net;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Validation;

/// <summary>Requests that break a rule: one 400 naming the rule and the value, and nothing left behind.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class RefusedCreateTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task HdInsightWhoseIdentityLacksAccessIsRefused()
    {
        var name = TestNames.Unique("hdi");
        var key = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        var identity = await Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("id"));

        var problem = await CreateRefusedAsync(name, ResourceBodies.HdInsight(fixture.KeyVault, key.ToString(), identity.ClientId));

        AssertViolation(problem, "hdinsight.key-access", identity.ClientId);
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task HpcCacheRejectsRsa3072Key()
    {
        var name = TestNames.Unique("hpc");
        var key = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"), size: 3072);

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));

        AssertViolation(problem, "hpc-cache.key-size", "3072");
        await AssertNothingLeftAsync(name);
        Assert.False(await Admin.SystemAssignedIdentityExistsAsync(ArmId(name)), "a refused request created the system-assigned identity");
    }

    [Fact]
    public async Task HpcCacheRejectsAnEllipticCurveKeyForItsType()
    {
        var name = TestNames.Unique("hpc");
        var key = await Admin.CreateEcKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("ec"), curve: "P-384");

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));

        AssertViolation(problem, "hpc-cache.key-type", "EC");
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task HpcCacheRejectsVaultWithoutPurgeProtection()
    {
        var name = TestNames.Unique("hpc");
        var key = await Admin.CreateKeyAsync("cmknopurge", TestNames.Unique("k"));

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString(), vault: "cmknopurge"));

        AssertViolation(problem, "hpc-cache.vault-purge-protection", "cmknopurge");
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task HpcCacheRejectsVaultInAnotherRegion()
    {
        var name = TestNames.Unique("hpc");
        var key = await Admin.CreateKeyAsync("cmkwest", TestNames.Unique("k"));

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString(), vault: "cmkwest"));

        AssertViolation(problem, "hpc-cache.vault-region", "westus");
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task MalformedKeyUriIsRefused()
    {
        var name = TestNames.Unique("hpc");
        var keyUri = $"{fixture.KeyVault.VaultUri(ResourceBodies.DemoVault)}secrets/not-a-key";

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, keyUri));

        AssertViolation(problem, "request.key-uri-malformed", keyUri);
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task UnknownKindIsRefused()
    {
        var name = TestNames.Unique("res");
        var key = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        var body = ResourceBodies.HpcCache(fixture.KeyVault, key.ToString());
        body["kind"] = "quantum-cache";

        var problem = await CreateRefusedAsync(name, body);

        AssertViolation(problem, "request.kind-unknown", "quantum-cache");
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task EveryViolationIsReportedInOneAnswer()
    {
        var name = TestNames.Unique("hpc");
        var key = await Admin.CreateKeyAsync("cmkwest", TestNames.Unique("k"), size: 4096);

        var problem = await CreateRefusedAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString(), vault: "cmkwest"));

        AssertViolation(problem, "hpc-cache.vault-region", "westus");
        AssertViolation(problem, "hpc-cache.key-size", "4096");
    }

    private async Task<JsonNode> CreateRefusedAsync(string name, JsonObject body)
    {
        using var response = await _service.CreateAsync(name, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The violation is in the list with its code, and the problem's detail names it with <paramref name="value"/>.</summary>
    private static void AssertViolation(JsonNode problem, string code, string value)
    {
        var violation = problem["violations"]!.AsArray().FirstOrDefault(v => v!["code"]!.GetValue<string>() == code);
        Assert.True(violation is not null, $"no violation {code} in {problem.ToJsonString()}");
        Assert.Contains(value, violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(violation["detail"]!.GetValue<string>(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(problem["errors"]![code]);
    }

    private async Task AssertNothingLeftAsync(string name)
    {
        using var response = await _service.GetAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(name, await _service.ListNamesAsync());
    }

    private string ArmId(string name) =>
        $"/subscriptions/{fixture.KeyVault.SubscriptionId}/resourceGroups/{fixture.KeyVault.ResourceGroup}/providers/Microsoft.StorageCache/caches/{name}";
}
