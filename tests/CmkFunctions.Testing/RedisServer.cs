using System.Net.Sockets;
using System.Text;

namespace CmkFunctions.Testing;

/// <summary>A redis-server child process (not daemonized, so it dies with the fixture) with append-only persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(string dataDirectory)
    {
        // redis-server cannot pick its own port; another process may take the one chosen before redis binds it.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = ChildProcess.Start(
                "redis-server",
                "redis-server",
                ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--save", ""]);
            try
            {
                await Poll.UntilAsync(() => AnswersPingAsync(port, process), StartTimeout, process.Describe);
                return new RedisServer(process, port);
            }
            catch (Exception) when (attempt < PortAttempts && process.HasExited)
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<bool> AnswersPingAsync(int port, ChildProcess process)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited during start: {process.Describe()}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
