using System.Runtime.Versioning;

namespace CmkFunctions.LocalKeyVault.Tests;

[Collection(SharedLocalKeyVault.Name)]
public sealed class ReadinessFileTests(LocalKeyVaultFixture fixture)
{
    private static readonly string[] UrlVariables =
        ["IDENTITY_ENDPOINT", "CMK_KV_MANAGEMENT_URL", "CMK_VAULT_URL_cmkdemo", "CMK_VAULT_URL_cmknopurge", "CMK_VAULT_URL_cmk_west"];

    private IReadOnlyDictionary<string, string> Endpoints => fixture.Tool.Endpoints;

    [Fact]
    public void EndpointsFileNamesTheTokenEndpointAndItsSecret()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/msi/token$", Endpoints["IDENTITY_ENDPOINT"]);
        Assert.Matches("^[0-9a-f]{64}$", Endpoints["IDENTITY_HEADER"]);
    }

    [Fact]
    public void EndpointsFileNamesTenantSubscriptionResourceGroupAndAdmin()
    {
        Assert.Equal("11111111-2222-4333-8444-555555555555", Endpoints["CMK_TENANT_ID"]);
        Assert.Equal(TestConfig.Subscription, Endpoints["CMK_SUBSCRIPTION_ID"]);
        Assert.Equal(TestConfig.ResourceGroup, Endpoints["CMK_RESOURCE_GROUP"]);
        Assert.True(Guid.TryParse(Endpoints["CMK_ADMIN_CLIENT_ID"], out _));
    }

    [Fact]
    public void EndpointsFileNamesManagementUrlAndTheCaCertificateInTheDataDirectory()
    {
        Assert.Matches(@"^https://127\.0\.0\.1:\d+/$", Endpoints["CMK_KV_MANAGEMENT_URL"]);
        Assert.Equal(Path.Combine(fixture.Tool.DataDirectory, "ca.pem"), Endpoints["CMK_CA_CERT"]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Endpoints["CMK_CA_CERT"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cmkdemo", "cmkdemo")]
    [InlineData("cmknopurge", "cmknopurge")]
    [InlineData("cmk_west", "cmk-west")]
    public void EndpointsFileNamesEachVaultsUrlAndArmId(string variableSuffix, string vaultName)
    {
        Assert.Matches(@"^https://127\.0\.0\.1:\d+/$", Endpoints[$"CMK_VAULT_URL_{variableSuffix}"]);
        Assert.Equal(
            $"/subscriptions/{TestConfig.Subscription}/resourceGroups/{TestConfig.ResourceGroup}/providers/Microsoft.KeyVault/vaults/{vaultName}",
            Endpoints[$"CMK_VAULT_ID_{variableSuffix}"]);
    }

    [Fact]
    public void EveryListenerHasItsOwnPort()
    {
        var ports = UrlVariables.Select(name => new Uri(Endpoints[name]).Port)
            .ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void ReadyLineIsPrintedOnStandardOutput() =>
        Assert.Contains("LocalKeyVault ready", fixture.Tool.Output, StringComparison.Ordinal);

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task KeyMaterialIsStoredInOwnerOnlyFiles()
    {
        var calls = new KeyVaultCalls(fixture.Tool, "cmkdemo");
        var name = KeyVaultCalls.NewKeyName();
        await calls.CreateKeyAsync(name);

        var keyFile = Path.Combine(fixture.Tool.DataDirectory, "vaults", "cmkdemo", "keys", name + ".json");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }
}
