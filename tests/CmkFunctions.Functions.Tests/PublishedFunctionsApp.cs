using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace CmkFunctions.Functions.Tests;

/// <summary>
/// The Functions app as <c>dotnet publish</c> lays it out for deployment, published once into a temporary folder:
/// its <c>functions.metadata</c> (what the Functions host indexes) and its <c>host.json</c>.
/// </summary>
public sealed class PublishedFunctionsApp : IAsyncLifetime
{
    private const string ProjectPath = "src/CmkFunctions.Functions/CmkFunctions.Functions.csproj";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions MetadataJson = new() { PropertyNameCaseInsensitive = true };

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"cmkfunctions-publish-{Guid.NewGuid():N}");

    public IReadOnlyList<PublishedFunction> Functions { get; private set; } = [];

    public JsonElement HostJson { get; private set; }

    public async Task InitializeAsync()
    {
        await PublishAsync();
        await using (var metadata = File.OpenRead(Path.Combine(directory, "functions.metadata")))
        {
            Functions = await JsonSerializer.DeserializeAsync<List<PublishedFunction>>(metadata, MetadataJson) ?? [];
        }

        using var hostJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "host.json")));
        HostJson = hostJson.RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The function of that name, or null when no wrapper declares it.</summary>
    public PublishedFunction? Find(string name) => Functions.FirstOrDefault(function => function.Name == name);

    private async Task PublishAsync()
    {
        var root = RepositoryRoot();
        // The configuration this test assembly was built in, so the publish reuses the solution build's output.
        var configuration = typeof(PublishedFunctionsApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", ProjectPath, "-c", configuration, "-o", directory, "--nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's variables from `dotnet test`; the child publish must find its own.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {ProjectPath} did not finish within {PublishTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish {ProjectPath} failed with exit code {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CmkFunctions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CmkFunctions.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One entry of <c>functions.metadata</c>.</summary>
public sealed record PublishedFunction(string Name, IReadOnlyList<PublishedBinding> Bindings)
{
    /// <summary>The binding of that type (<c>httpTrigger</c>, <c>activityTrigger</c>, ...), compared as the host does.</summary>
    public PublishedBinding? Binding(string type) =>
        Bindings.FirstOrDefault(binding => string.Equals(binding.Type, type, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One binding of a function; <see cref="Route"/>, <see cref="Methods"/> and <see cref="AuthLevel"/> are the HTTP trigger's.</summary>
public sealed record PublishedBinding(string Type, string? Direction, string? Route, IReadOnlyList<string>? Methods, string? AuthLevel);
