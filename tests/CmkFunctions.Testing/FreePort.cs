using System.Net;
using System.Net.Sockets;

namespace CmkFunctions.Testing;

/// <summary>A loopback TCP port free at the moment of asking, for servers that cannot pick their own.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
