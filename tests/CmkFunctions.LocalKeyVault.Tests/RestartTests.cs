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
    public async Task StaleEndpointsFileIsReplacedAtStart()
    {
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "endpoints.env"), "export IDENTITY_ENDPOINT=http://127.0.0.1:1/stale\n");

        await using var tool = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory);

        Assert.NotEqual("http://127.0.0.1:1/stale", tool.Endpoints["IDENTITY_ENDPOINT"]);
        Assert.True(tool.Endpoints.ContainsKey("CMK_VAULT_URL_cmkdemo"));
    }
}
