using System.Diagnostics.CodeAnalysis;
using CmkFunctions.Testing;

namespace CmkFunctions.Cli.Tests;

/// <summary>
/// Azurite, the local Key Vault and one shared host (64 KiB chunks, access re-checked every 3 s), and <see cref="Cmk"/>
/// set up to call it as the fixture's API operator, as an operator's shell is after <c>. .dev/env</c>.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class CliTestFixture : IAsyncLifetime
{
    public const string Collection = "Cli";

    public const string DemoVault = "cmkdemo";

    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        ["Cmk__AuthorizationCheckInterval"] = "00:00:03",
        ["Cmk__ChunkSizeBytes"] = "65536",
    };

    private HostProcess? _host;
    private Cmk? _cmk;

    public IntegrationFixture Integration { get; } = new();

    public HostProcess Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public Cmk Cmk => _cmk ?? throw new InvalidOperationException("The fixture has not started.");

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public async Task InitializeAsync()
    {
        await Integration.InitializeAsync();
        _host = await HostProcess.StartAsync(Integration, Unique("cli"), FastSettings);
        var keyVault = Integration.KeyVault;
        _cmk = new Cmk(new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = keyVault.IdentityEndpoint.ToString(),
            ["IDENTITY_HEADER"] = keyVault.IdentityHeader,
            ["CMK_HOST_URL"] = _host.BaseUri.ToString(),
            ["CMK_API_AUDIENCE"] = ApiCallers.Audience,
            ["AZURE_CLIENT_ID"] = Integration.ApiOperator.ClientId,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Integration.DisposeAsync();
    }
}

[CollectionDefinition(CliTestFixture.Collection)]
public sealed class CliCollectionDefinition : ICollectionFixture<CliTestFixture>;
