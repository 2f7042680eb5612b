using System.Globalization;
using StackExchange.Redis;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// Reads the store's command and input-byte totals on the store side (<c>INFO stats</c>, which both
/// redis-server and Garnet report), so commands per operation count what every client of the store
/// sent: the grid's storage, audit and key store, and the baseline.
/// </summary>
internal sealed class StoreProbe(IServer server, TimeSpan settle) : IDisposable
{
    private const string CommandsField = "total_commands_processed";
    private const string InputBytesField = "total_net_input_bytes";

    // Each reading is itself an INFO command the store counts; it is taken off the next difference.
    private const int OwnCommandsPerReading = 1;

    private IConnectionMultiplexer? _owned;

    /// <param name="connectionString">The store's StackExchange.Redis connection string.</param>
    /// <param name="settle">How long the store's counters lag behind its commands; each reading waits that long first.</param>
    public static async Task<StoreProbe> ConnectAsync(string connectionString, TimeSpan settle)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(ConfigurationOptions.Parse(connectionString + ",allowAdmin=true"));
        return new StoreProbe(connection.GetServers()[0], settle) { _owned = connection };
    }

    public async Task<StoreCounters> ReadAsync()
    {
        if (settle > TimeSpan.Zero)
        {
            await Task.Delay(settle);
        }

        var fields = (await server.InfoAsync("stats")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        return new StoreCounters(Field(fields, CommandsField), Field(fields, InputBytesField));
    }

    /// <summary>What the store counted between two readings, less the second reading's own command.</summary>
    public static StoreCounters Difference(StoreCounters before, StoreCounters after) =>
        new(after.Commands - before.Commands - OwnCommandsPerReading, after.InputBytes - before.InputBytes);

    public void Dispose() => _owned?.Dispose();

    private static long Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidOperationException($"The store's INFO stats has no {name}; commands per operation cannot be measured on this store.");
}
