namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Base of tests that start and stop their own tool process, in a config and data folder of their own.</summary>
public abstract class OwnWorkspaceTests : IAsyncLifetime
{
    protected string ConfigFile { get; private set; } = null!;

    protected string DataDirectory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        (ConfigFile, DataDirectory) = TestConfig.CreateWorkspace();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestConfig.DeleteWorkspace(DataDirectory);
        return Task.CompletedTask;
    }
}
