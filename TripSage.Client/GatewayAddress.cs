using System.Net;
using System.Net.Sockets;

namespace TripSage.Memory.Client;

/// <summary>Parses <c>host:port</c> gateway addresses with errors that say what is wrong.</summary>
internal static class GatewayAddress
{
    public static IPEndPoint Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"Gateway '{address}' is not host:port with a port from 1 to 65535.", nameof(address));
        }

        var host = address[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var ip))
        {
            return new IPEndPoint(ip, port);
        }

        var addresses = Dns.GetHostAddresses(host);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ArgumentException($"Gateway host '{host}' has no address.", nameof(address));
        return new IPEndPoint(chosen, port);
    }
}
