using CmkFunctions.Testing;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>A Key Vault client no one here wrote: the official Node SDK, driven by tests/external-client/keyvault-sdk-check.mjs.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class ExternalClientTests(LocalKeyVaultFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task OfficialNodeSdkCreatesReadsWrapsRotatesAndListsAKey()
    {
        var endpoints = fixture.Tool.Endpoints;
        var script = Path.Combine(RepositoryLayout.Root, "tests", "external-client", "keyvault-sdk-check.mjs");
        var environment = new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = endpoints["IDENTITY_ENDPOINT"],
            ["IDENTITY_HEADER"] = endpoints["IDENTITY_HEADER"],
            ["CMK_ADMIN_CLIENT_ID"] = endpoints["CMK_ADMIN_CLIENT_ID"],
            ["CMK_VAULT_URL_cmkdemo"] = endpoints["CMK_VAULT_URL_cmkdemo"],
            ["NODE_EXTRA_CA_CERTS"] = endpoints["CMK_CA_CERT"],
        };

        await using var node = ChildProcess.Start("node keyvault-sdk-check.mjs", "node", [script], environment);
        await node.WaitForExitAsync(RunTimeout);

        Assert.True(node.ExitCode == 0, node.Describe());
        var output = node.OutputTail;
        Assert.Matches(@"created https://127\.0\.0\.1:\d+/keys/sdk-check-[0-9a-f]{8}/[0-9a-f]{32}", output);
        Assert.Contains("wrapped and unwrapped a 32-byte key", output, StringComparison.Ordinal);
        Assert.Contains("rotated to", output, StringComparison.Ordinal);
        Assert.Contains("listed 2 versions", output, StringComparison.Ordinal);
        Assert.EndsWith("ok", output, StringComparison.Ordinal);
    }
}
