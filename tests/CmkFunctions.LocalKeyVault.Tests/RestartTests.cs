namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Stops and restarts its own process: state, ports and the readiness file across a restart.</summary>
public sealed class RestartTests : OwnWorkspaceTests
{
    [Fact]
    public async Task RestartKeepsKeysPortsAndIdentities()
    {
        IReadOnlyDictionary<string, string> before;
        string kid;
        int exitCode;
        await using (var first = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory))
        {
            before = first.Endpoints;
            var calls = new KeyVaultCalls(first, "cmkdemo");
            var name = KeyVaultCalls.NewKeyName();
            await calls.CreateKeyAsync(name);
            kid = (await calls.CallAsync(HttpMethod.Post, $"keys/{name}/rotate")).Body!["key"]!["kid"]!.GetValue<string>();
            exitCode = await first.StopAsync();
        }

        await using var second = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory);
        var (status, got) = await new KeyVaultCalls(second, "cmkdemo").CallAsync(HttpMethod.Get, KeyVaultCalls.KeyPath(kid));

        Assert.Equal(0, exitCode);
        Assert.Equal(before, second.Endpoints);
        Assert.Equal(200, status);
        Assert.Equal(kid, got!["key"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestartKeepsTheRbacModelAndRoleAssignments()
    {
        string key;
        (string ClientId, string PrincipalId) granted;
        await using (var first = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory))
        {
            var roles = new RoleAssignmentCalls(first);
            key = KeyVaultCalls.NewKeyName();
            await new KeyVaultCalls(first, "cmkdemo").CreateKeyAsync(key);
            granted = await roles.CreateIdentityAsync();
            await roles.AssignAsync(roles.KeyScope("cmkdemo", key), RoleAssignmentCalls.CryptoServiceEncryptionUser, granted.PrincipalId);
            await roles.PatchVaultAsync("cmkdemo", enableRbacAuthorization: true);
            await first.StopAsync();
        }

        await using var second = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory);
        var (_, vault) = await new ManagementCalls(second).SendAsync(HttpMethod.Get, second.Endpoints["CMK_VAULT_ID_cmkdemo"] + "?api-version=2023-07-01");
        var demo = new KeyVaultCalls(second, "cmkdemo");
        var (grantedStatus, _) = await demo.CallAsync(HttpMethod.Get, $"keys/{key}", token: await second.TokenAsync(TestConfig.VaultResource, granted.ClientId));
        var (adminStatus, _) = await demo.CallAsync(HttpMethod.Get, $"keys/{key}");

        Assert.True(vault!["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal(200, grantedStatus);
        Assert.Equal(200, adminStatus);
    }

    [Fact]
    public async Task StaleEndpointsFileIsReplacedAtStart()
    {
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "endpoints.env"), "export IDENTITY_ENDPOINT=http://127.0.0.1:1/stale\n");

        await using var tool = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory);

        Assert.NotEqual("http://127.0.0.1:1/stale", tool.Endpoints["IDENTITY_ENDPOINT"]);
        Assert.True(tool.Endpoints.ContainsKey("CMK_VAULT_URL_cmkdemo"));
    }
}
