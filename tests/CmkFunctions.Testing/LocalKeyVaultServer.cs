using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Testing;

/// <summary>
/// The local Key Vault dev tool, started from its build output with a test configuration (every port 0: the tool
/// picks free ones) and data under the test run's temporary folder. Ready when it has written <c>endpoints.env</c>.
/// </summary>
public sealed class LocalKeyVaultServer : IAsyncDisposable
{
    public const string ProjectName = "CmkFunctions.LocalKeyVault";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _process;

    private LocalKeyVaultServer(ChildProcess process, LocalKeyVaultEndpoints endpoints)
    {
        _process = process;
        Endpoints = endpoints;
    }

    public LocalKeyVaultEndpoints Endpoints { get; }

    /// <summary>
    /// <c>dev/local-keyvault.json</c> (so tests see the vaults a developer sees) with every port 0, one identity,
    /// <c>admin</c>, with every key permission, the Key Vault Administrator role and management rights, Event Grid retries and expiry checks in seconds
    /// rather than Azure's minutes and hours, and throttling limits 100 times Key Vault's (test suites create keys far
    /// faster than 20 per 10 seconds; a throttling test sets its own limits with <see cref="LocalKeyVaultAdmin.SetThrottlingAsync"/>).
    /// </summary>
    public static JsonObject TestConfiguration()
    {
        var devConfigFile = Path.Combine(RepositoryLayout.Root, "dev", "local-keyvault.json");
        var config = JsonNode.Parse(File.ReadAllText(devConfigFile))?.AsObject()
            ?? throw new InvalidDataException($"{devConfigFile} is empty.");
        config["managementPort"] = 0;
        config["identityPort"] = 0;
        foreach (var vault in config["vaults"]?.AsArray() ?? throw new InvalidDataException($"{devConfigFile} has no vaults."))
        {
            vault!["port"] = 0;
        }

        config["eventGrid"] = new JsonObject
        {
            ["retryDelaysSeconds"] = new JsonArray(0.5, 1, 2, 5),
            ["expiryCheckSeconds"] = 1,
        };
        config["throttling"] = new JsonObject { ["scale"] = 100 };
        config["identities"] = new JsonArray(new JsonObject
        {
            ["name"] = "admin",
            ["default"] = true,
            ["management"] = true,
            ["keyPermissions"] = new JsonArray("all"),
            ["roles"] = new JsonArray("Key Vault Administrator"),
        });
        return config;
    }

    public static async Task<LocalKeyVaultServer> StartAsync(string workDirectory)
    {
        var tool = RepositoryLayout.BuiltToolPath(ProjectName);
        if (!File.Exists(tool))
        {
            throw new InvalidOperationException(
                $"The local Key Vault is not built for {RepositoryLayout.BuildConfiguration} ({tool} is missing): build the solution first.");
        }

        var configFile = Path.Combine(workDirectory, "local-keyvault.json");
        await File.WriteAllTextAsync(configFile, TestConfiguration().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var dataDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "data")).FullName;
        var endpointsFile = Path.Combine(dataDirectory, "endpoints.env");

        // The tool writes it once it listens: one left by an earlier start must not count.
        File.Delete(endpointsFile);

        var process = ChildProcess.Start(
            "local Key Vault",
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [tool, "--config", configFile, "--data", dataDirectory]);
        try
        {
            LocalKeyVaultEndpoints? endpoints = null;
            await Poll.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"The local Key Vault exited during start: {process.Describe()}");
                    }

                    endpoints = File.Exists(endpointsFile)
                        ? LocalKeyVaultEndpoints.TryParse(await File.ReadAllTextAsync(endpointsFile))
                        : null;
                    return endpoints is not null;
                },
                StartTimeout,
                () => $"{endpointsFile} never held every endpoint; {process.Describe()}");
            return new LocalKeyVaultServer(process, endpoints!);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
