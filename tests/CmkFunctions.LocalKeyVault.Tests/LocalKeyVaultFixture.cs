namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>One local Key Vault process shared by the tests of <see cref="SharedLocalKeyVault"/>.</summary>
public sealed class LocalKeyVaultFixture : IAsyncLifetime
{
    private string? _dataDirectory;
    private LocalKeyVaultProcess? _tool;

    public LocalKeyVaultProcess Tool => _tool ?? throw new InvalidOperationException("The local Key Vault did not start.");

    public async Task InitializeAsync()
    {
        var (configFile, dataDirectory) = TestConfig.CreateWorkspace();
        _dataDirectory = dataDirectory;
        _tool = await LocalKeyVaultProcess.StartAsync(configFile, dataDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_tool is not null)
        {
            await _tool.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            TestConfig.DeleteWorkspace(_dataDirectory);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedLocalKeyVault : ICollectionFixture<LocalKeyVaultFixture>
{
    public const string Name = "local Key Vault";
}
