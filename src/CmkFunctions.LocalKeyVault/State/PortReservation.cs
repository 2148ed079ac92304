using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CmkFunctions.LocalKeyVault.State;

/// <summary>
/// Turns a configured port of 0 into a free loopback port, held from the choice on by a listening socket of its own that
/// Kestrel then serves (<see cref="Listen"/>), so no other process can take the port in between. Disposed once Kestrel
/// has stopped.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private readonly Dictionary<int, TcpListener> _held = [];

    public int Choose(int configuredPort)
    {
        if (configuredPort != 0)
        {
            return configuredPort;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _held[port] = listener;
        return port;
    }

    /// <summary>Kestrel listens on <paramref name="port"/>: on the socket chosen here that holds it, else by binding it.</summary>
    public void Listen(KestrelServerOptions kestrel, int port, Action<ListenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (_held.TryGetValue(port, out var listener))
        {
            // Kestrel does not take ownership of a socket handed over this way; this reservation closes it.
            kestrel.ListenHandle((ulong)listener.Server.Handle, configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Loopback, port, configure);
        }
    }

    public void Dispose()
    {
        foreach (var listener in _held.Values)
        {
            listener.Dispose();
        }
    }
}
