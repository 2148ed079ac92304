using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>What the RBAC tests repeat over ARM as the admin identity: new identities, role assignments, a vault's permission model.</summary>
public sealed class RoleAssignmentCalls(LocalKeyVaultProcess tool)
{
    public const string CryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
    public const string Reader = "21090545-7ca7-4776-b22c-e363652d74d2";
    private const string AuthorizationVersion = "?api-version=2022-04-01";

    private readonly ManagementCalls _management = new(tool);

    public string VaultId(string vault) => tool.Endpoints[$"CMK_VAULT_ID_{vault}"];

    public string KeyScope(string vault, string keyName) => $"{VaultId(vault)}/keys/{keyName}";

    public static string AssignmentId(string scope, string name) => $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}";

    /// <returns>The new user-assigned identity's client id (for tokens) and principal id (for grants).</returns>
    public async Task<(string ClientId, string PrincipalId)> CreateIdentityAsync()
    {
        var id = $"/subscriptions/{TestConfig.Subscription}/resourceGroups/{TestConfig.ResourceGroup}"
            + $"/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id{Guid.NewGuid():N}";
        var (status, identity) = await _management.SendAsync(HttpMethod.Put, id + "?api-version=2023-01-31", new { location = "eastus" });
        Assert.True(status == 201, $"identity PUT failed: {status} {identity}");
        return (identity!["properties"]!["clientId"]!.GetValue<string>(), identity["properties"]!["principalId"]!.GetValue<string>());
    }

    public Task<(int Status, JsonNode? Body)> PutAsync(string scope, string roleGuid, string principalId, string? name = null) =>
        _management.SendAsync(HttpMethod.Put, AssignmentId(scope, name ?? Guid.NewGuid().ToString()) + AuthorizationVersion, new
        {
            properties = new
            {
                roleDefinitionId = $"/subscriptions/{TestConfig.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
                principalId,
                principalType = "ServicePrincipal",
            },
        });

    /// <returns>The new assignment's ARM id.</returns>
    public async Task<string> AssignAsync(string scope, string roleGuid, string principalId)
    {
        var (status, body) = await PutAsync(scope, roleGuid, principalId);
        Assert.True(status == 201, $"role assignment failed: {status} {body}");
        return body!["id"]!.GetValue<string>();
    }

    public Task<(int Status, JsonNode? Body)> GetAsync(string assignmentId) =>
        _management.SendAsync(HttpMethod.Get, assignmentId + AuthorizationVersion);

    public Task<(int Status, JsonNode? Body)> ListAsync(string scope) =>
        _management.SendAsync(HttpMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleAssignments{AuthorizationVersion}");

    public Task<(int Status, JsonNode? Body)> DeleteAsync(string assignmentId) =>
        _management.SendAsync(HttpMethod.Delete, assignmentId + AuthorizationVersion);

    public Task<(int Status, JsonNode? Body)> PatchVaultAsync(string vault, bool enableRbacAuthorization) =>
        _management.SendAsync(HttpMethod.Patch, VaultId(vault) + "?api-version=2023-07-01", new { properties = new { enableRbacAuthorization } });
}
