using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CmkFunctions.Testing;

/// <summary>
/// Azurite's blob, queue and table services, data in memory or in its working folder: the storage account of the
/// product's data and of the Durable Task hubs. Each service picks its own port; with data in a folder, the ports it got
/// the first time are kept there and taken again, so the URLs the data holds (a disk's source) stay valid.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's published development account (not a secret).
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string PortsFile = "ports.json";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private AzuriteServer(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobEndpoint = Endpoint(blobPort);
        QueueEndpoint = Endpoint(queuePort);
        TableEndpoint = Endpoint(tablePort);
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <param name="inMemory">Data in memory (gone when Azurite stops), else in <paramref name="dataDirectory"/>.</param>
    public static async Task<AzuriteServer> StartAsync(string dataDirectory, bool inMemory = true)
    {
        var executable = Path.Combine(RepositoryLayout.Root, "dev", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run ./dev.sh setup.");
        }

        var portsFile = Path.Combine(dataDirectory, PortsFile);
        var kept = !inMemory && File.Exists(portsFile) ? JsonSerializer.Deserialize<int[]>(await File.ReadAllBytesAsync(portsFile)) : null;
        var process = ChildProcess.Start(
            "Azurite",
            executable,
            [
                "--blobHost", "127.0.0.1", "--blobPort", Port(kept, 0),
                "--queueHost", "127.0.0.1", "--queuePort", Port(kept, 1),
                "--tableHost", "127.0.0.1", "--tablePort", Port(kept, 2),
                // Azurite closes idle connections after 5 s, .NET after 60 s: a request sent on a connection the
                // server is closing can go unanswered. Keep the server's side open longer, so the client always closes first.
                "--blobKeepAliveTimeout", "120", "--queueKeepAliveTimeout", "120", "--tableKeepAliveTimeout", "120",
                // In memory for tests: Azurite's table store slows as its file grows, and a test run never restarts Azurite.
                .. inMemory ? ["--inMemoryPersistence"] : new[] { "--location", dataDirectory },
                "--disableTelemetry", "--skipApiVersionCheck", "--silent",
            ],
            workingDirectory: dataDirectory);
        try
        {
            // --silent hides request logs, not these lines.
            var blobPort = await ListeningPortAsync(process, "Blob");
            var queuePort = await ListeningPortAsync(process, "Queue");
            var tablePort = await ListeningPortAsync(process, "Table");
            if (!inMemory)
            {
                await File.WriteAllBytesAsync(portsFile, JsonSerializer.SerializeToUtf8Bytes(new[] { blobPort, queuePort, tablePort }));
            }

            return new AzuriteServer(process, blobPort, queuePort, tablePort);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<int> ListeningPortAsync(ChildProcess process, string service)
    {
        var line = await process.WaitForOutputAsync(
            output => ListeningLine().Match(output) is { Success: true } match && match.Groups["service"].Value == service,
            StartTimeout);
        return int.Parse(ListeningLine().Match(line).Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    private static string Port(int[]? kept, int service) => (kept?[service] ?? 0).ToString(CultureInfo.InvariantCulture);

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");

    // "Azurite Blob service is successfully listening at http://127.0.0.1:41235"
    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
