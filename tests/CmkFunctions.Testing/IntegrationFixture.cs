using System.Diagnostics.CodeAnalysis;
using Azure.Core.Pipeline;
using CmkFunctions.KeyVault;
using Xunit;

namespace CmkFunctions.Testing;

/// <summary>
/// Real dependencies for a whole test assembly: Azurite (blob, queue and table) and the local Key Vault, each on free
/// ports with data under one temporary folder, never the developer's <c>./dev.sh up</c> instances. A dependency that
/// does not start fails every test of the collection with its output tail. Use it through a collection in the test
/// assembly (xunit only finds collection definitions there):
/// <code>[CollectionDefinition(IntegrationFixture.Collection)] public sealed class IntegrationCollectionDefinition : ICollectionFixture&lt;IntegrationFixture&gt;;</code>
/// A benchmark may keep the data instead (<see cref="Kept"/>): Azurite then stores it on disk,
/// and the next start with the same folder finds the same vaults, keys, identities and resources.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class IntegrationFixture : IAsyncLifetime
{
    public const string Collection = "Integration";

    private readonly TemporaryDirectory? _directory;
    private readonly string _dataDirectory;
    private readonly List<ChildProcess> _processes = [];
    private readonly Lock _processesGate = new();
    private AzuriteServer? _azurite;
    private LocalKeyVaultServer? _keyVault;
    private HttpClient? _httpClient;
    private AzureCredentials? _credentials;
    private LocalKeyVaultAdmin? _admin;
    private ManagedIdentity? _apiOperator;

    public IntegrationFixture()
    {
        _directory = new TemporaryDirectory("tests");
        _dataDirectory = _directory.Path;
    }

    private IntegrationFixture(string keptDirectory)
    {
        _dataDirectory = Directory.CreateDirectory(keptDirectory).FullName;
    }

    /// <summary>Dependencies whose data lives in <paramref name="directory"/> and stays there after disposal.</summary>
    public static IntegrationFixture Kept(string directory) => new(directory);

    public LocalKeyVaultEndpoints KeyVault => Started(_keyVault).Endpoints;

    public string AzuriteConnectionString => Started(_azurite).ConnectionString;

    public AzureCredentials Credentials => Started(_credentials);

    public LocalKeyVaultAdmin Admin => Started(_admin);

    /// <summary>An API caller of the tool's tenant with every app role of the API: what hosts' clients call as by default.</summary>
    public ManagedIdentity ApiOperator => Started(_apiOperator);

    /// <summary>An HttpClient that trusts the local Key Vault's CA (shared: do not dispose).</summary>
    public HttpClient HttpClient => Started(_httpClient);

    /// <summary>This run's temporary folder (deleted on dispose).</summary>
    public string TemporaryDirectory => _dataDirectory;

    /// <summary>
    /// What a process of the service needs, as <c>./dev.sh up</c> writes to <c>.dev/env</c>: every endpoints.env
    /// variable plus AZURITE_CONNECTION_STRING.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(KeyVault.Variables)
    {
        ["AZURITE_CONNECTION_STRING"] = AzuriteConnectionString,
    };

    /// <summary>A pipeline transport that trusts the local Key Vault's CA.</summary>
    public HttpPipelineTransport CreateTransport() => TrustedCaTransport.Create(KeyVault.CaCertificatePath);

    /// <summary>
    /// Options for product clients against the local Key Vault: its CA trusted, challenge resource verification off
    /// (the challenge names vault.azure.net, the vault is 127.0.0.1), and retry delays short enough for tests.
    /// </summary>
    public KeyVaultClientOptions CreateKeyVaultClientOptions()
    {
        var options = new KeyVaultClientOptions { Transport = CreateTransport(), DisableChallengeResourceVerification = true };
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        return options;
    }

    public KeyVaultManagementClientOptions CreateManagementClientOptions() => new() { Transport = CreateTransport() };

    /// <summary>
    /// Starts another process (a service host, say) with <see cref="Environment"/> plus <paramref name="environment"/>;
    /// it is killed with its process tree when the fixture is disposed, if not before.
    /// </summary>
    public ChildProcess StartProcess(
        string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var variables = new Dictionary<string, string>(Environment);
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            variables[variable] = value;
        }

        var process = ChildProcess.Start(name, fileName, arguments, variables, workingDirectory);
        lock (_processesGate)
        {
            _processes.Add(process);
        }

        return process;
    }

    public async Task InitializeAsync()
    {
        var azurite = AzuriteServer.StartAsync(Subdirectory("azurite"), inMemory: _directory is not null);
        var keyVault = LocalKeyVaultServer.StartAsync(Subdirectory("keyvault"));
        try
        {
            await Task.WhenAll(azurite, keyVault);
        }
        catch
        {
            var failures = new[] { (Task)azurite, keyVault }
                .Where(task => task.IsFaulted)
                .Select(task => task.Exception!.InnerException!.Message);
            await DisposeIfStartedAsync(azurite);
            await DisposeIfStartedAsync(keyVault);
            throw new InvalidOperationException("Integration test dependencies did not start:\n" + string.Join("\n\n", failures));
        }

        _azurite = azurite.Result;
        _keyVault = keyVault.Result;

        // Azure.Identity's managed-identity credential finds the token endpoint through these variables.
        System.Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", KeyVault.IdentityEndpoint.ToString());
        System.Environment.SetEnvironmentVariable("IDENTITY_HEADER", KeyVault.IdentityHeader);
        _credentials = new AzureCredentials(KeyVault.AdminClientId);
        _httpClient = new HttpClient(TrustedCaTransport.CreateHandler(KeyVault.CaCertificatePath));
        _admin = new LocalKeyVaultAdmin(_httpClient, _credentials.Admin, KeyVault);
        _apiOperator = await _admin.CreateUserAssignedIdentityAsync("api-operator", appRoles: ApiCallers.AllRoles);
    }

    public async Task DisposeAsync()
    {
        List<ChildProcess> processes;
        lock (_processesGate)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        _httpClient?.Dispose();
        await DisposeIfStartedAsync(_keyVault);
        await DisposeIfStartedAsync(_azurite);
        _directory?.Dispose();
    }

    private string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(_dataDirectory, name)).FullName;

    private static async Task DisposeIfStartedAsync<T>(Task<T> start)
        where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }

    private static async Task DisposeIfStartedAsync(IAsyncDisposable? dependency)
    {
        if (dependency is not null)
        {
            await dependency.DisposeAsync();
        }
    }

    private static T Started<T>(T? dependency)
        where T : class =>
        dependency ?? throw new InvalidOperationException("The integration fixture has not started (InitializeAsync did not run or failed).");
}
