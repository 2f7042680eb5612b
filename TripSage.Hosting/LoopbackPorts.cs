using System.Net;
using System.Net.Sockets;

namespace TripSage.Memory.Hosting;

/// <summary>Free ports on loopback, for hosts and stores that are asked to pick their own (port 0).</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on at the moment of the call (the operating system's choice).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
