using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>
/// The built local Key Vault started as a real process (<c>dotnet CmkFunctions.LocalKeyVault.dll --config --data</c>),
/// ready once it has written <c>endpoints.env</c>. Talks to it over HTTPS trusting only its generated CA.
/// </summary>
public sealed class LocalKeyVaultProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalKeyVaultProcess(Process process, StringBuilder output, string dataDirectory, IReadOnlyDictionary<string, string> endpoints)
    {
        _process = process;
        _output = output;
        DataDirectory = dataDirectory;
        Endpoints = endpoints;
        Https = CreateHttpsClient(endpoints["CMK_CA_CERT"]);
    }

    public string DataDirectory { get; }

    public IReadOnlyDictionary<string, string> Endpoints { get; }

    public HttpClient Https { get; }

    public HttpClient Http { get; } = new();

    public string Output => Snapshot(_output);

    public static string ToolDll => typeof(LocalKeyVaultProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LocalKeyVaultDll").Value!;

    public static async Task<LocalKeyVaultProcess> StartAsync(string configFile, string dataDirectory)
    {
        var endpointsFile = Path.Combine(dataDirectory, "endpoints.env");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ToolDll, "--config", configFile, "--data", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(endpointsFile) || !Snapshot(output).Contains("LocalKeyVault ready", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The local Key Vault did not become ready:\n{Snapshot(output)}");
            }

            await Task.Delay(50);
        }

        return new LocalKeyVaultProcess(process, output, dataDirectory, ParseEndpoints(File.ReadAllText(endpointsFile)));
    }

    public string VaultUrl(string vault) => Endpoints[$"CMK_VAULT_URL_{vault}"];

    public string ManagementUrl => Endpoints["CMK_KV_MANAGEMENT_URL"];

    public async Task<string> TokenAsync(string resource, string? clientId = null)
    {
        var (status, body) = await TokenResponseAsync(resource, clientId, Endpoints["IDENTITY_HEADER"]);
        Assert.True(status == 200, $"token request failed: {status} {body}");
        return body!["access_token"]!.GetValue<string>();
    }

    public async Task<(int Status, JsonNode? Body)> TokenResponseAsync(string resource, string? clientId, string? identityHeader)
    {
        var url = $"{Endpoints["IDENTITY_ENDPOINT"]}?api-version=2019-08-01&resource={Uri.EscapeDataString(resource)}"
            + (clientId is null ? string.Empty : $"&client_id={clientId}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (identityHeader is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", identityHeader);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Sends a JSON request with a bearer token and returns status and parsed body (null when empty).</summary>
    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        var response = await Https.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Sends SIGTERM and waits for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Https.Dispose();
        Http.Dispose();
    }

    private static HttpClient CreateHttpsClient(string caPemFile)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caPemFile)));
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
        return new HttpClient(handler);
    }

    private static Dictionary<string, string> ParseEndpoints(string content) =>
        content.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''));

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
