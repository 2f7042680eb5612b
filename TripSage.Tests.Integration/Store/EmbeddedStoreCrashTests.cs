using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Integration.Store;

/// <summary>
/// The embedded store killed with <c>kill -9</c> twice, in its own process: what it acknowledged between the
/// two crashes is there after the second. Found by <c>chaos kill-silo --store embedded</c>, which lost every
/// write acknowledged after the first restart (3,107 of 8,113) once a kill cut an audit flush's
/// <c>MULTI</c>/<c>EXEC</c> in half.
/// </summary>
public sealed class EmbeddedStoreCrashTests : IAsyncLifetime
{
    // Spins until the process is killed: the transaction it runs in is cut off by the crash, at a known point.
    private const string SpinForever = "redis.call('PUBLISH', 'spinning', '1') while true do end";
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-store-crash-").FullName;
    private EmbeddedStoreProcess _store = null!;

    public async Task InitializeAsync()
    {
        _store = new EmbeddedStoreProcess(_dataPath, LoopbackPorts.Free());
        await _store.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task TransactionCutOffByACrash_LosesNothingAcknowledgedAfterTheRestart_WhenItCrashesAgain()
    {
        // 1. A MULTI/EXEC whose start is on disk and whose end never will be.
        int cutOffConnection;
        using (var watcher = await RespConnection.OpenAsync(_store.Port))
        using (var cutOff = await RespConnection.OpenAsync(_store.Port))
        using (var writer = await RespConnection.OpenAsync(_store.Port))
        {
            await watcher.CallAsync("SUBSCRIBE", "spinning");
            cutOffConnection = ConnectionNumber(await cutOff.CallAsync("CLIENT", "ID"));
            Assert.Equal("OK", await cutOff.CallAsync("MULTI"));
            Assert.Equal("QUEUED", await cutOff.CallAsync("SET", "cut-off", "1"));
            Assert.Equal("QUEUED", await cutOff.CallAsync("EVAL", SpinForever, "0"));
            await cutOff.SendAsync("EXEC");

            // The transaction has started (its first write is logged); a write acknowledged now was committed after it.
            Assert.Equal("message spinning 1", await watcher.ReadAsync());
            Assert.Equal("OK", await writer.CallAsync("SET", "before-the-first-crash", "1"));
            await _store.KillAsync();
        }

        // 2. After the restart, connections take the same numbers again, the cut-off one's included; each writes
        //    on its own and in a transaction, and is acknowledged.
        await _store.StartAsync();
        var acknowledged = new List<string>();
        var connections = new List<RespConnection>();
        try
        {
            int number;
            do
            {
                var connection = await RespConnection.OpenAsync(_store.Port);
                connections.Add(connection);
                var key = $"after-the-restart-{connections.Count}";
                Assert.Equal("OK", await connection.CallAsync("SET", key, "1"));
                Assert.Equal("OK", await connection.CallAsync("MULTI"));
                Assert.Equal("QUEUED", await connection.CallAsync("SET", key + "-in-a-transaction", "1"));
                Assert.Equal("OK", await connection.CallAsync("EXEC"));
                acknowledged.AddRange([key, key + "-in-a-transaction"]);
                number = ConnectionNumber(await connection.CallAsync("CLIENT", "ID"));
            }
            while (number <= cutOffConnection);
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }

        // 3. The second crash, and what the store has after it.
        await _store.KillAsync();
        await _store.StartAsync();
        using var reader = await RespConnection.OpenAsync(_store.Port);
        var missing = new List<string>();
        foreach (var key in acknowledged.Append("before-the-first-crash"))
        {
            if (await reader.CallAsync("GET", key) is null)
            {
                missing.Add(key);
            }
        }

        Assert.True(missing.Count == 0, $"acknowledged, then lost to the second crash: {string.Join(", ", missing)}; the store said:{Environment.NewLine}{string.Join(Environment.NewLine, _store.Output)}");

        // The cut-off transaction was never acknowledged: all or nothing of it, and here nothing.
        Assert.Null(await reader.CallAsync("GET", "cut-off"));
    }

    private static int ConnectionNumber(string? clientId) => int.Parse(clientId!, System.Globalization.CultureInfo.InvariantCulture);
}
