using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Wrapped data keys as strings <c>{prefix}:datakey:{userId}</c> in a Redis-compatible store: either
/// the snapshot store (the single-store configuration, which does not shred: the grid never
/// compacts that store's files), or a key store of their own
/// (<c>TripSage:Encryption:KeyStoreConnectionString</c>) whose append-only file is rewritten after
/// every removal (<see cref="AppendOnlyFileRewrite"/>).
/// </summary>
internal sealed class RedisWrappedKeyStore : IWrappedKeyStore
{
    // Replaces the value only if it is still the one that was read: a concurrent erase or rotation wins.
    private const string CompareAndSetScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    private readonly Func<Task<ConnectionMultiplexer>> _connection;
    private readonly Lazy<Task<ConnectionMultiplexer>>? _owned;
    private readonly string _keyPrefix;
    private readonly TimeSpan _compactionTimeout;

    private RedisWrappedKeyStore(Func<Task<ConnectionMultiplexer>> connection, Lazy<Task<ConnectionMultiplexer>>? owned, string keyPrefix, TimeSpan compactionTimeout)
    {
        _connection = connection;
        _owned = owned;
        _keyPrefix = keyPrefix;
        _compactionTimeout = compactionTimeout;
    }

    public bool Shreds => _owned is not null;

    /// <summary>Keys kept next to the snapshots, on the snapshot store's shared connection.</summary>
    public static RedisWrappedKeyStore OnSnapshotStore(StoreConnection store) => new(store.GetAsync, owned: null, store.KeyPrefix, TimeSpan.Zero);

    /// <summary>Keys kept in a store of their own, compacted after every removal.</summary>
    public static RedisWrappedKeyStore Separate(string connectionString, string keyPrefix, TimeSpan compactionTimeout)
    {
        var owned = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(connectionString));
        return new RedisWrappedKeyStore(() => owned.Value, owned, keyPrefix, compactionTimeout);
    }

    public async Task<string?> GetAsync(string userId) => await (await DatabaseAsync()).StringGetAsync(Key(userId));

    public async Task<bool> AddAsync(string userId, string wrapped) =>
        await (await DatabaseAsync()).StringSetAsync(Key(userId), wrapped, when: When.NotExists);

    public async Task<bool> ReplaceAsync(string userId, string expected, string replacement) =>
        (int)await (await DatabaseAsync()).ScriptEvaluateAsync(CompareAndSetScript, [Key(userId)], [expected, replacement]) == 1;

    public async Task RemoveAsync(string userId) => await (await DatabaseAsync()).KeyDeleteAsync(Key(userId));

    public async IAsyncEnumerable<KeyValuePair<string, string>> ListAsync()
    {
        var multiplexer = await _connection();
        var database = multiplexer.GetDatabase();
        var prefix = StoreKeys.DataKeyPrefix(_keyPrefix);
        foreach (var server in multiplexer.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                if ((string?)await database.StringGetAsync(key) is { } value)
                {
                    yield return new(((string)key!)[prefix.Length..], value);
                }
            }
        }
    }

    public async Task CompactAsync()
    {
        if (_owned is null)
        {
            return;
        }

        // Every server the connection knows, replicas included: a replica applies the removal too,
        // and its own append-only file holds the old key until it is rewritten as well.
        var servers = (await _owned.Value).GetServers().Where(s => s.IsConnected).ToList();
        if (servers.Count == 0)
        {
            throw new StoreUnavailableException("the key store is unreachable; the data key was not shredded yet, retry the erase once it is back");
        }

        using var timeout = new CancellationTokenSource(_compactionTimeout);
        await Task.WhenAll(servers.Select(s => AppendOnlyFileRewrite.AwaitAsync(s, timeout.Token)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { IsValueCreated: true } && _owned.Value.IsCompletedSuccessfully)
        {
            await _owned.Value.Result.CloseAsync();
            _owned.Value.Result.Dispose();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var configuration = StoreConnection.Parse(connectionString);

        // INFO and BGREWRITEAOF are admin commands to the client library.
        configuration.AllowAdmin = true;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        foreach (var server in multiplexer.GetServers().Where(s => s.IsConnected))
        {
            await AppendOnlyFileRewrite.EnsureSupportedAsync(server);
        }

        return multiplexer;
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection()).GetDatabase();

    private RedisKey Key(string userId) => StoreKeys.DataKey(_keyPrefix, userId);
}
