using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The one connection to the store shared by the storage provider and the health check, so the
/// silo holds a single multiplexer however many components talk to the store. Public because the
/// host's health check and store tracing (in <c>TripSage.Hosting</c>) use this same connection.
/// </summary>
public sealed class StoreConnection(IOptions<StoreOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => Connect(options.Value));

    /// <summary>The parsed connection settings (what the storage provider's own validation asks for).</summary>
    public ConfigurationOptions Configuration => Parse(options.Value.ConnectionString!);

    /// <summary>The prefix of every key the grid writes (<c>TripSage:Store:KeyPrefix</c>).</summary>
    public string KeyPrefix => options.Value.KeyPrefix;

    /// <summary>The shared multiplexer, connected on first use.</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>Closes the connection if it was opened.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.CloseAsync();
            _connection.Value.Result.Dispose();
        }
    }

    private static async Task<ConnectionMultiplexer> Connect(StoreOptions options)
    {
        return await ConnectionMultiplexer.ConnectAsync(Parse(options.ConnectionString!));
    }

    /// <summary>Connection settings for a store of the grid.</summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);

        // Keep retrying in the background when the store goes away, instead of failing the silo:
        // calls fail loudly meanwhile and succeed again once it returns.
        configuration.AbortOnConnectFail = false;

        // While disconnected, a command fails at once instead of waiting in a backlog for the
        // connection to return: a caller hears "store unavailable" in milliseconds, not after a timeout.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }
}
