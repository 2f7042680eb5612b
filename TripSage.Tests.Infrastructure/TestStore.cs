using StackExchange.Redis;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>A real Redis-compatible store a test cluster persists to, which a test can stop and start again on the same data.</summary>
public abstract class TestStore : IAsyncDisposable
{
    private ConnectionMultiplexer? _raw;

    public abstract string Name { get; }

    public abstract string ConnectionString { get; }

    public abstract Task StopAsync();

    public abstract Task StartAsync();

    /// <summary>A plain Redis client on the store, to look at and tamper with what the grid wrote.</summary>
    public async Task<IDatabase> RawAsync()
    {
        // A test machine shared with CPU-heavy tests (the raw-file scans) can starve the store for seconds;
        // the tests' own looks at the store wait longer than the client's 5 s default rather than fail.
        _raw ??= await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},syncTimeout=20000,asyncTimeout=20000");
        return _raw.GetDatabase();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_raw is not null)
        {
            await _raw.CloseAsync();
            _raw.Dispose();
            _raw = null;
        }

        await StopAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task CloseRawAsync()
    {
        if (_raw is not null)
        {
            await _raw.CloseAsync();
            _raw.Dispose();
            _raw = null;
        }
    }
}
