using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.Testing;

/// <summary>
/// A CmkFunctions host started as a real process (<c>dotnet src/CmkFunctions.Host/bin/CONFIGURATION/net10.0/CmkFunctions.Host.dll</c>)
/// against the fixture's Azurite and local Key Vault, on a free port, in its own working folder (so no developer's
/// <c>local.settings.json</c> is read). Hosts started with the same task hub share its work, as instances of one Functions
/// app do; give each test its own task hub to keep tests apart. Ready once <c>/healthz</c> answers 200.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string ProjectName = "CmkFunctions.Host";

    /// <summary>The service's platform key (<c>Cmk:PlatformKeyUri</c>) lives in this vault under this name, as <c>./dev.sh run</c> makes it.</summary>
    public const string PlatformKeyVault = "cmkdemo";

    public const string PlatformKeyName = "platform-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>One platform key per fixture, created by the first host that starts.</summary>
    private static readonly ConditionalWeakTable<IntegrationFixture, Task<KeyVaultKeyIdentifier>> PlatformKeys = [];

    private readonly ChildProcess _process;

    private HostProcess(ChildProcess process, Uri baseUri, string operatorClientId)
    {
        _process = process;
        BaseUri = baseUri;
        Http = HttpAs(operatorClientId);
    }

    public Uri BaseUri { get; }

    /// <summary>A client whose base address is the host's URL, calling as the fixture's API operator (every app role).</summary>
    public HttpClient Http { get; }

    /// <summary>A client calling as the identity with this client id; without a token when it is null.</summary>
    public HttpClient HttpAs(string? clientId) =>
        // Generous timeout: on a loaded 2-core machine one Azurite serves every host, and a request may wait on it.
        new(clientId is null ? new SocketsHttpHandler() : ApiCallers.BearerFor(clientId))
        {
            BaseAddress = BaseUri,
            Timeout = TimeSpan.FromSeconds(150),
        };

    public bool HasExited => _process.HasExited;

    /// <summary>Name, pid, state and the host's last output lines: what a failure message needs.</summary>
    public string Describe() => _process.Describe();

    /// <param name="taskHub">Names the Durable Task hub (made a valid hub name); hosts with the same one share their work.</param>
    /// <param name="settings">Extra environment variables, e.g. <c>Cmk__AuthorizationTimeout</c>; they win over the defaults here.</param>
    /// <param name="localSettings">The text of a <c>local.settings.json</c> to put in the host's working folder.</param>
    public static async Task<HostProcess> StartAsync(
        IntegrationFixture fixture,
        string taskHub,
        IReadOnlyDictionary<string, string>? settings = null,
        string name = "host",
        string? localSettings = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var dll = RepositoryLayout.BuiltToolPath(ProjectName);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The host is not built: {dll} is missing. Build {ProjectName} in {RepositoryLayout.BuildConfiguration} first.", dll);
        }

        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var workingDirectory = Path.Combine(fixture.TemporaryDirectory, "hosts", $"{taskHub}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workingDirectory);
        if (localSettings is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(workingDirectory, "local.settings.json"), localSettings);
        }

        var environment = await EnvironmentAsync(fixture, taskHub, baseUri);
        foreach (var (variable, value) in settings ?? new Dictionary<string, string>())
        {
            environment[variable] = value;
        }

        var process = fixture.StartProcess($"{name} ({taskHub})", "dotnet", [dll], environment, workingDirectory);
        var host = new HostProcess(process, baseUri, fixture.ApiOperator.ClientId);
        try
        {
            await Poll.UntilAsync(host.IsHealthyAsync, StartTimeout, host.Describe);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first line of the host's output (recent or still to come) that <paramref name="matches"/>.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> matches, TimeSpan? timeout = null) =>
        _process.WaitForOutputAsync(matches, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Kills the host at once (SIGKILL), as a crash would.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }

    /// <summary>A valid task hub name for <paramref name="taskHub"/>: letters and digits, starting with a letter, at most 45.</summary>
    public static string HubName(string taskHub)
    {
        ArgumentNullException.ThrowIfNull(taskHub);
        var name = "h" + new string([.. taskHub.Where(char.IsAsciiLetterOrDigit)]);
        return name.Length > 45 ? name[..45] : name;
    }

    /// <summary>
    /// The environment variables a host on <paramref name="baseUri"/> runs with against the fixture, as a Functions app
    /// reads settings (<c>Cmk__...</c>, <c>AzureFunctionsJobHost__extensions__durableTask__...</c>); the platform key
    /// exists once this returns.
    /// </summary>
    public static async Task<Dictionary<string, string>> EnvironmentAsync(IntegrationFixture fixture, string taskHub, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var platformKey = await PlatformKeys.GetValue(fixture, created => created.Admin.CreateKeyAsync(PlatformKeyVault, PlatformKeyName));
        var environment = Settings(fixture, taskHub, baseUri);
        environment["Cmk__PlatformKeyUri"] = platformKey.VersionlessId.ToString();
        return environment;
    }

    private static Dictionary<string, string> Settings(IntegrationFixture fixture, string taskHub, Uri baseUri)
    {
        var keyVault = fixture.KeyVault;
        const string durableTask = "AzureFunctionsJobHost__extensions__durableTask__";
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseUri.ToString(),
            ["ConnectionStrings__Storage"] = fixture.AzuriteConnectionString,
            ["Cmk__ManagementEndpoint"] = keyVault.ManagementUri.ToString(),
            ["Cmk__KeyVaultCaCertificate"] = keyVault.CaCertificatePath,
            ["Cmk__ServiceIdentityClientId"] = keyVault.AdminClientId,
            ["Cmk__DisableChallengeResourceVerification"] = "true",
            ["Cmk__ResourceGroup"] = keyVault.ResourceGroup,
            ["Cmk__ApiAuthority"] = new Uri(keyVault.LoginUri, "common").ToString(),
            ["Cmk__ApiAudience"] = ApiCallers.Audience,
            [durableTask + "hubName"] = HubName(taskHub),
            [durableTask + "storageProvider__partitionCount"] = "1",
            [durableTask + "storageProvider__maxQueuePollingInterval"] = "00:00:01",
            // A killed host's messages come back to the others within seconds, not Durable Functions' five minutes.
            [durableTask + "storageProvider__workItemQueueVisibilityTimeout"] = "00:00:20",
            [durableTask + "storageProvider__controlQueueVisibilityTimeout"] = "00:00:20",
        };
    }

    private async Task<bool> IsHealthyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The host exited during start: {Describe()}");
        }

        try
        {
            using var response = await Http.GetAsync(new Uri("/healthz", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
