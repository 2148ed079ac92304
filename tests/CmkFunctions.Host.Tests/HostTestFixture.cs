using System.Diagnostics.CodeAnalysis;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests;

/// <summary>
/// The integration dependencies plus one shared host (its own task hub) for tests that need no special
/// settings. It re-checks access every 3 seconds and uses 64 KiB chunks so lifecycles finish in seconds.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class HostTestFixture : IAsyncLifetime
{
    public const string Collection = "Host";

    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        // Every check of a waiting resource is a durable timer and an activity in Azurite: the shared host keeps resources
        // that nobody authorizes waiting for the whole run, and Azurite's single process serves every host.
        ["Cmk__AuthorizationCheckInterval"] = "00:00:03",
        ["Cmk__ChunkSizeBytes"] = "65536",
    };

    private HostProcess? _host;

    public IntegrationFixture Integration { get; } = new();

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host fixture has not started.");

    public LocalKeyVaultEndpoints KeyVault => Integration.KeyVault;

    public async Task InitializeAsync()
    {
        await Integration.InitializeAsync();
        _host = await HostProcess.StartAsync(Integration, TestNames.Unique("shared"), FastSettings);
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

[CollectionDefinition(HostTestFixture.Collection)]
public sealed class HostCollectionDefinition : ICollectionFixture<HostTestFixture>;
