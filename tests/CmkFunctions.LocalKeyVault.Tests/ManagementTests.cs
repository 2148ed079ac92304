using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

[Collection(SharedLocalKeyVault.Name)]
public sealed class ManagementTests(LocalKeyVaultFixture fixture)
{
    private const string ArmVersion = "api-version=2023-07-01";
    private LocalKeyVaultProcess Tool => fixture.Tool;

    [Fact]
    public async Task VaultIsDescribedAsAnArmResource()
    {
        var (status, vault) = await ArmAsync(HttpMethod.Get, Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]);

        Assert.Equal(200, status);
        Assert.Equal("Microsoft.KeyVault/vaults", vault!["type"]!.GetValue<string>());
        Assert.Equal("eastus", vault["location"]!.GetValue<string>());
        var properties = vault["properties"]!;
        Assert.Equal(Tool.VaultUrl("cmkdemo"), properties["vaultUri"]!.GetValue<string>());
        Assert.Equal("premium", properties["sku"]!["name"]!.GetValue<string>());
        Assert.True(properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Equal(90, properties["softDeleteRetentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task VaultWithoutPurgeProtectionOmitsIt()
    {
        var (_, vault) = await ArmAsync(HttpMethod.Get, Tool.Endpoints["CMK_VAULT_ID_cmknopurge"]);

        Assert.Null(vault!["properties"]!["enablePurgeProtection"]);
    }

    [Fact]
    public async Task ResourceGroupListsEveryVault()
    {
        var (_, list) = await ArmAsync(
            HttpMethod.Get, $"/subscriptions/{TestConfig.Subscription}/resourceGroups/{TestConfig.ResourceGroup}/providers/Microsoft.KeyVault/vaults");

        Assert.Equal(["cmk-west", "cmkdemo", "cmknopurge", "cmknosoftdelete", "cmkrbac"], list!["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task UserAssignedIdentityPutIsIdempotent()
    {
        var id = UserAssignedId();

        var (createdStatus, created) = await ArmAsync(HttpMethod.Put, id, new { location = "eastus" });
        var (againStatus, again) = await ArmAsync(HttpMethod.Put, id, new { location = "eastus" });
        var (getStatus, got) = await ArmAsync(HttpMethod.Get, id);

        Assert.Equal(201, createdStatus);
        Assert.Equal(200, againStatus);
        Assert.Equal(200, getStatus);
        Assert.Equal(created!["properties"]!["principalId"]!.GetValue<string>(), again!["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal(created["properties"]!["clientId"]!.GetValue<string>(), got!["properties"]!["clientId"]!.GetValue<string>());
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", got["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedIdentityIsNotFound()
    {
        var id = UserAssignedId();
        await ArmAsync(HttpMethod.Put, id, new { location = "eastus" });

        var (deleteStatus, _) = await ArmAsync(HttpMethod.Delete, id);
        var (getStatus, body) = await ArmAsync(HttpMethod.Get, id);

        Assert.Equal(200, deleteStatus);
        Assert.Equal(404, getStatus);
        Assert.Equal("ResourceNotFound", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemovingUnwrapKeyPermissionForbidsUnwrapByPolicy()
    {
        var (_, identity) = await ArmAsync(HttpMethod.Put, UserAssignedId(), new { location = "eastus" });
        var principalId = identity!["properties"]!["principalId"]!.GetValue<string>();
        await UpdatePoliciesAsync("add", principalId, "get", "wrapKey", "unwrapKey");
        var appToken = await Tool.TokenAsync(TestConfig.VaultResource, identity["properties"]!["clientId"]!.GetValue<string>());
        var demo = new KeyVaultCalls(Tool, "cmkdemo");
        var kid = (await demo.CreateKeyAsync(KeyVaultCalls.NewKeyName()))["key"]!["kid"]!.GetValue<string>();
        var wrapBody = new { alg = "RSA-OAEP-256", value = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
        var (_, wrapped) = await demo.CallAsync(HttpMethod.Post, $"{KeyVaultCalls.KeyPath(kid)}/wrapkey", wrapBody, appToken);
        var unwrapBody = new { alg = "RSA-OAEP-256", value = wrapped!["value"]!.GetValue<string>() };
        var (allowedStatus, _) = await demo.CallAsync(HttpMethod.Post, $"{KeyVaultCalls.KeyPath(kid)}/unwrapkey", unwrapBody, appToken);

        var (removeStatus, _) = await UpdatePoliciesAsync("remove", principalId, "unwrapKey");
        var (refusedStatus, refusal) = await demo.CallAsync(HttpMethod.Post, $"{KeyVaultCalls.KeyPath(kid)}/unwrapkey", unwrapBody, appToken);
        var (wrapStatus, _) = await demo.CallAsync(HttpMethod.Post, $"{KeyVaultCalls.KeyPath(kid)}/wrapkey", wrapBody, appToken);

        Assert.Equal(200, allowedStatus);
        Assert.Equal(200, removeStatus);
        Assert.Equal(403, refusedStatus);
        Assert.Equal("ForbiddenByPolicy", refusal!["error"]!["innererror"]!["code"]!.GetValue<string>());
        Assert.Contains(
            $"oid={principalId};iss=https://sts.windows.net/{Tool.Endpoints["CMK_TENANT_ID"]}/' does not have keys unwrapKey permission on key vault 'cmkdemo;location=eastus'",
            refusal["error"]!["message"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal(200, wrapStatus);
    }

    [Fact]
    public async Task AccessPolicyAddMergesPermissionsIntoTheVault()
    {
        var principalId = Guid.NewGuid().ToString();

        await UpdatePoliciesAsync("add", principalId, "get");
        var (status, response) = await UpdatePoliciesAsync("add", principalId, "wrapKey");
        var (_, vault) = await ArmAsync(HttpMethod.Get, Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]);

        Assert.Equal(200, status);
        Assert.Equal("Microsoft.KeyVault/vaults/accessPolicies", response!["type"]!.GetValue<string>());
        var entry = vault!["properties"]!["accessPolicies"]!.AsArray().Single(p => p!["objectId"]!.GetValue<string>() == principalId);
        Assert.Equal(["get", "wrapKey"], entry!["permissions"]!["keys"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task IdentityWithoutManagementRightsIsNotAuthorized()
    {
        var (_, identity) = await ArmAsync(HttpMethod.Put, UserAssignedId(), new { location = "eastus" });
        var token = await Tool.TokenAsync(TestConfig.ManagementResource, identity!["properties"]!["clientId"]!.GetValue<string>());

        var (status, body, response) = await Tool.SendAsync(
            HttpMethod.Get, $"{Tool.ManagementUrl.TrimEnd('/')}{Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]}?{ArmVersion}", token);
        response.Dispose();

        Assert.Equal(403, status);
        Assert.Equal("AuthorizationFailed", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManagementWithoutTokenIsUnauthenticated()
    {
        var (status, body, response) = await Tool.SendAsync(
            HttpMethod.Get, $"{Tool.ManagementUrl.TrimEnd('/')}{Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]}?{ArmVersion}", token: null);
        response.Dispose();

        Assert.Equal(401, status);
        Assert.Equal("AuthenticationFailed", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SystemAssignedIdentityGetsTokensByItsResourceId()
    {
        var resourceId = $"/subscriptions/{TestConfig.Subscription}/resourceGroups/{TestConfig.ResourceGroup}/providers/Microsoft.Cache/redisEnterprise/r{Guid.NewGuid():N}";
        var identityId = resourceId + "/providers/Microsoft.ManagedIdentity/identities/default";
        var (createdStatus, created) = await ArmAsync(HttpMethod.Put, identityId);
        var (againStatus, again) = await ArmAsync(HttpMethod.Put, identityId);

        var url = $"{Tool.Endpoints["IDENTITY_ENDPOINT"]}?api-version=2019-08-01&resource={Uri.EscapeDataString(TestConfig.VaultResource)}&mi_res_id={Uri.EscapeDataString(resourceId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-IDENTITY-HEADER", Tool.Endpoints["IDENTITY_HEADER"]);
        using var response = await Tool.Http.SendAsync(request);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        Assert.Equal(201, createdStatus);
        Assert.Equal(200, againStatus);
        Assert.Equal("Microsoft.ManagedIdentity/identities", created!["type"]!.GetValue<string>());
        Assert.Equal(created["properties"]!["principalId"]!.GetValue<string>(), again!["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal(created["properties"]!["principalId"]!.GetValue<string>(), Jwt.Payload(token)["oid"]!.GetValue<string>());
        Assert.Equal(resourceId, Jwt.Payload(token)["xms_mirid"]!.GetValue<string>());
    }

    private static string UserAssignedId() =>
        $"/subscriptions/{TestConfig.Subscription}/resourceGroups/apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id{Guid.NewGuid():N}";

    private async Task<(int Status, JsonNode? Body)> ArmAsync(HttpMethod method, string resourceId, object? body = null)
    {
        var token = await Tool.TokenAsync(TestConfig.ManagementResource);
        var (status, json, response) = await Tool.SendAsync(method, $"{Tool.ManagementUrl.TrimEnd('/')}{resourceId}?{ArmVersion}", token, body);
        response.Dispose();
        return (status, json);
    }

    private Task<(int Status, JsonNode? Body)> UpdatePoliciesAsync(string operation, string objectId, params string[] keyPermissions) =>
        ArmAsync(HttpMethod.Put, $"{Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]}/accessPolicies/{operation}", new
        {
            properties = new
            {
                accessPolicies = new[]
                {
                    new { tenantId = Tool.Endpoints["CMK_TENANT_ID"], objectId, permissions = new { keys = keyPermissions } },
                },
            },
        });
}
