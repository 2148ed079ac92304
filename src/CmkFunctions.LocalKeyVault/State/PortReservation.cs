using System.Net;
using System.Net.Sockets;

namespace CmkFunctions.LocalKeyVault.State;

/// <summary>
/// Turns a configured port of 0 into a free loopback port. Every port chosen stays held until disposal so two
/// choices never collide; the caller persists the choices and releases them just before Kestrel binds.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private readonly List<TcpListener> _held = [];

    public int Choose(int configuredPort)
    {
        if (configuredPort != 0)
        {
            return configuredPort;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _held.Add(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var listener in _held)
        {
            listener.Dispose();
        }
    }
}
