using System.Text.RegularExpressions;

namespace CmkFunctions.Testing;

/// <summary>Azurite's blob service on a port it picks itself, data under the test run's temporary folder.</summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's published development account (not a secret).
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private AzuriteServer(ChildProcess process, int port)
    {
        _process = process;
        BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{AccountName}");
    }

    public Uri BlobEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync(string dataDirectory)
    {
        var executable = Path.Combine(RepositoryLayout.Root, "dev", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run ./dev.sh setup.");
        }

        var process = ChildProcess.Start(
            "Azurite",
            executable,
            ["--blobHost", "127.0.0.1", "--blobPort", "0", "--location", dataDirectory, "--disableTelemetry", "--skipApiVersionCheck", "--silent"]);
        try
        {
            var listening = await process.WaitForOutputAsync(line => ListeningLine().IsMatch(line), StartTimeout);
            return new AzuriteServer(process, int.Parse(ListeningLine().Match(listening).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
