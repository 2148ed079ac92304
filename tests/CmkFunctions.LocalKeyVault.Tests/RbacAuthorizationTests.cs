using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>A vault with <c>enableRbacAuthorization</c> authorizes data-plane calls by role assignments at the key or the vault.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class RbacAuthorizationTests(LocalKeyVaultFixture fixture)
{
    private const string Vault = "cmkrbac";
    private static readonly object WrapBody = new { alg = "RSA-OAEP-256", value = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
    private readonly KeyVaultCalls _rbac = new(fixture.Tool, Vault);
    private readonly RoleAssignmentCalls _roles = new(fixture.Tool);

    [Fact]
    public async Task AccessPolicyGrantsNothingOnAnRbacVault()
    {
        var key = await NewKeyAsync();
        var (clientId, principalId) = await _roles.CreateIdentityAsync();
        var (policyStatus, _) = await new ManagementCalls(fixture.Tool).SendAsync(
            HttpMethod.Put, $"{_roles.VaultId(Vault)}/accessPolicies/add?api-version=2023-07-01", Policy(principalId, "get", "wrapKey", "unwrapKey"));

        var (status, body) = await _rbac.CallAsync(HttpMethod.Get, $"keys/{key}", token: await TokenAsync(clientId));

        Assert.Equal(200, policyStatus);
        Assert.Equal(403, status);
        Assert.Equal("Forbidden", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("ForbiddenByRbac", body["error"]!["innererror"]!["code"]!.GetValue<string>());
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.StartsWith("Caller is not authorized to perform action on resource.\r\n", message, StringComparison.Ordinal);
        Assert.Contains($"Caller: appid={clientId};oid={principalId};iss=https://sts.windows.net/", message, StringComparison.Ordinal);
        Assert.Contains("Action: 'Microsoft.KeyVault/vaults/keys/read'\r\n", message, StringComparison.Ordinal);
        Assert.Contains($"Resource: '{_roles.KeyScope(Vault, key).ToLowerInvariant()}'\r\n", message, StringComparison.Ordinal);
        Assert.Contains("Assignment: (not found)\r\n", message, StringComparison.Ordinal);
        Assert.EndsWith("Vault: cmkrbac;location=eastus\r\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptionUserAtKeyScopeUsesThatKeyOnly()
    {
        var (key, other) = (await NewKeyAsync(), await NewKeyAsync());
        var (clientId, principalId) = await _roles.CreateIdentityAsync();
        await _roles.AssignAsync(_roles.KeyScope(Vault, key), RoleAssignmentCalls.CryptoServiceEncryptionUser, principalId);
        var token = await TokenAsync(clientId);

        var (getStatus, _) = await _rbac.CallAsync(HttpMethod.Get, $"keys/{key}", token: token);
        var (wrapStatus, wrapped) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{key}/wrapkey", WrapBody, token);
        var (unwrapStatus, _) = await _rbac.CallAsync(
            HttpMethod.Post, $"keys/{key}/unwrapkey", new { alg = "RSA-OAEP-256", value = wrapped!["value"]!.GetValue<string>() }, token);
        var (otherStatus, otherBody) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{other}/wrapkey", WrapBody, token);
        var (listStatus, _) = await _rbac.CallAsync(HttpMethod.Get, "keys", token: token);

        Assert.Equal([200, 200, 200], [getStatus, wrapStatus, unwrapStatus]);
        Assert.Equal(403, otherStatus);
        Assert.Contains("Action: 'Microsoft.KeyVault/vaults/keys/wrap/action'", otherBody!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(403, listStatus);
    }

    [Fact]
    public async Task EncryptionUserAtVaultScopeUsesEveryKey()
    {
        var (first, second) = (await NewKeyAsync(), await NewKeyAsync());
        var (clientId, principalId) = await _roles.CreateIdentityAsync();
        await _roles.AssignAsync(_roles.VaultId(Vault), RoleAssignmentCalls.CryptoServiceEncryptionUser, principalId);
        var token = await TokenAsync(clientId);

        var (firstStatus, _) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{first}/wrapkey", WrapBody, token);
        var (secondStatus, _) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{second}/wrapkey", WrapBody, token);
        var (createStatus, _) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "RSA" }, token);

        Assert.Equal([200, 200], [firstStatus, secondStatus]);
        Assert.Equal(403, createStatus);
    }

    [Fact]
    public async Task ReaderGetsKeysButCannotWrap()
    {
        var key = await NewKeyAsync();
        var (clientId, principalId) = await _roles.CreateIdentityAsync();
        await _roles.AssignAsync(_roles.VaultId(Vault), RoleAssignmentCalls.Reader, principalId);
        var token = await TokenAsync(clientId);

        var (getStatus, _) = await _rbac.CallAsync(HttpMethod.Get, $"keys/{key}", token: token);
        var (wrapStatus, refusal) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{key}/wrapkey", WrapBody, token);

        Assert.Equal(200, getStatus);
        Assert.Equal(403, wrapStatus);
        Assert.Equal("ForbiddenByRbac", refusal!["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedAssignmentForbidsAgain()
    {
        var key = await NewKeyAsync();
        var (clientId, principalId) = await _roles.CreateIdentityAsync();
        var assignment = await _roles.AssignAsync(_roles.KeyScope(Vault, key), RoleAssignmentCalls.CryptoServiceEncryptionUser, principalId);
        var token = await TokenAsync(clientId);
        var (allowedStatus, _) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{key}/wrapkey", WrapBody, token);

        var (deleteStatus, deleted) = await _roles.DeleteAsync(assignment);
        var (againStatus, _) = await _roles.DeleteAsync(assignment);
        var (getStatus, _) = await _roles.GetAsync(assignment);
        var (refusedStatus, _) = await _rbac.CallAsync(HttpMethod.Post, $"keys/{key}/wrapkey", WrapBody, token);

        Assert.Equal(200, allowedStatus);
        Assert.Equal(200, deleteStatus);
        Assert.Equal(assignment, deleted!["id"]!.GetValue<string>());
        Assert.Equal(204, againStatus);
        Assert.Equal(404, getStatus);
        Assert.Equal(403, refusedStatus);
    }

    [Fact]
    public async Task RoleAssignmentIsAnArmResourceListedAtItsScopeAndAbove()
    {
        var key = await NewKeyAsync();
        var (_, principalId) = await _roles.CreateIdentityAsync();
        var name = Guid.NewGuid().ToString();

        var (putStatus, created) = await _roles.PutAsync(_roles.KeyScope(Vault, key), RoleAssignmentCalls.CryptoServiceEncryptionUser, principalId, name);
        var (againStatus, _) = await _roles.PutAsync(_roles.KeyScope(Vault, key), RoleAssignmentCalls.CryptoServiceEncryptionUser, principalId, name);
        var (getStatus, got) = await _roles.GetAsync(RoleAssignmentCalls.AssignmentId(_roles.KeyScope(Vault, key), name));
        var (_, atVault) = await _roles.ListAsync(_roles.VaultId(Vault));
        var (_, atKey) = await _roles.ListAsync(_roles.KeyScope(Vault, key));

        Assert.Equal(201, putStatus);
        Assert.Equal(200, againStatus);
        Assert.Equal(200, getStatus);
        Assert.Equal(RoleAssignmentCalls.AssignmentId(_roles.KeyScope(Vault, key), name), created!["id"]!.GetValue<string>());
        Assert.Equal(name, created["name"]!.GetValue<string>());
        Assert.Equal("Microsoft.Authorization/roleAssignments", created["type"]!.GetValue<string>());
        var properties = got!["properties"]!;
        Assert.Equal(_roles.KeyScope(Vault, key), properties["scope"]!.GetValue<string>());
        Assert.Equal(principalId, properties["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", properties["principalType"]!.GetValue<string>());
        Assert.Equal(
            $"/subscriptions/{TestConfig.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{RoleAssignmentCalls.CryptoServiceEncryptionUser}",
            properties["roleDefinitionId"]!.GetValue<string>());
        Assert.Contains(name, Scopes(atVault).Select(a => a.Name));
        Assert.Contains(name, Scopes(atKey).Select(a => a.Name));
        Assert.Contains(_roles.VaultId(Vault), Scopes(atKey).Select(a => a.Scope));
    }

    [Fact]
    public async Task SameRoleForTheSamePrincipalAtTheSameScopeIsAConflict()
    {
        var (_, principalId) = await _roles.CreateIdentityAsync();
        await _roles.AssignAsync(_roles.VaultId(Vault), RoleAssignmentCalls.Reader, principalId);

        var (status, body) = await _roles.PutAsync(_roles.VaultId(Vault), RoleAssignmentCalls.Reader, principalId);

        Assert.Equal(409, status);
        Assert.Equal("RoleAssignmentExists", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRoleDefinitionIsRefused()
    {
        var (_, principalId) = await _roles.CreateIdentityAsync();

        var (status, body) = await _roles.PutAsync(_roles.VaultId(Vault), Guid.NewGuid().ToString(), principalId);

        Assert.Equal(400, status);
        Assert.Equal("RoleDefinitionDoesNotExist", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AssignmentAtAKeyThatDoesNotExistIsNotFound()
    {
        var (_, principalId) = await _roles.CreateIdentityAsync();

        var (status, body) = await _roles.PutAsync(_roles.KeyScope(Vault, KeyVaultCalls.NewKeyName()), RoleAssignmentCalls.Reader, principalId);

        Assert.Equal(404, status);
        Assert.Equal("ResourceNotFound", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task VaultPutKeepsItsLocationAndSetsTheRbacFlag()
    {
        var management = new ManagementCalls(fixture.Tool);
        var path = _roles.VaultId(Vault) + "?api-version=2023-07-01";
        var properties = new { tenantId = fixture.Tool.Endpoints["CMK_TENANT_ID"], sku = new { family = "A", name = "standard" }, enableRbacAuthorization = true };

        var (status, vault) = await management.SendAsync(HttpMethod.Put, path, new { location = "eastus", properties });
        var (movedStatus, moved) = await management.SendAsync(HttpMethod.Put, path, new { location = "westus", properties });

        Assert.Equal(200, status);
        Assert.True(vault!["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal(400, movedStatus);
        Assert.Equal("InvalidResourceLocation", moved!["error"]!["code"]!.GetValue<string>());
    }

    private static IEnumerable<(string Name, string Scope)> Scopes(JsonNode? list) =>
        list!["value"]!.AsArray().Select(a => (a!["name"]!.GetValue<string>(), a["properties"]!["scope"]!.GetValue<string>()));

    private object Policy(string objectId, params string[] keys) => new
    {
        properties = new { accessPolicies = new[] { new { tenantId = fixture.Tool.Endpoints["CMK_TENANT_ID"], objectId, permissions = new { keys } } } },
    };

    private async Task<string> NewKeyAsync()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _rbac.CreateKeyAsync(name);
        return name;
    }

    private Task<string> TokenAsync(string clientId) => fixture.Tool.TokenAsync(TestConfig.VaultResource, clientId);
}
