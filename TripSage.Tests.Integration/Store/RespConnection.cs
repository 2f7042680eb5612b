using System.Net.Sockets;
using System.Text;

namespace TripSage.Memory.Tests.Integration.Store;

/// <summary>
/// One plain RESP connection to a store: a test that must know which connection sent what (Garnet numbers
/// its connections and its replay tells them apart by that number) cannot use a multiplexer that opens and
/// shares connections as it sees fit.
/// </summary>
internal sealed class RespConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RespConnection> OpenAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RespConnection(client);
    }

    /// <summary>Sends a command and reads its reply: a simple string, an integer or a bulk string as text, null for a nil (ASCII values only: a bulk length is read as characters).</summary>
    public async Task<string?> CallAsync(params string[] command)
    {
        await SendAsync(command);
        return await ReadAsync();
    }

    /// <summary>Sends a command without reading its reply (a command that never answers).</summary>
    public async Task SendAsync(params string[] command)
    {
        var text = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Reads one reply; an array's elements are joined with spaces.</summary>
    public async Task<string?> ReadAsync()
    {
        var line = await _reader.ReadLineAsync() ?? throw new IOException("The store closed the connection.");
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new InvalidOperationException($"The store answered an error: {line[1..]}");
            case '$' when line == "$-1":
                return null;
            case '$':
                var buffer = new char[int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture) + 2];
                await _reader.ReadBlockAsync(buffer);
                return new string(buffer, 0, buffer.Length - 2);
            case '*':
                var count = int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture);
                var items = new List<string?>();
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadAsync());
                }

                return string.Join(' ', items);
            default:
                throw new InvalidOperationException($"Not a RESP reply: {line}");
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
