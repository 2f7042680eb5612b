using System.Globalization;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Rewrites a redis-server's append-only file and waits until a rewrite that started after the call
/// has finished. redis-server 7 keeps its append-only file as a base file plus increment files
/// (<c>appendonlydir/</c>); a finished rewrite writes a new base from the live data only and unlinks
/// the old base and increment files before it is reported in <c>INFO persistence</c>
/// (<c>aof_rewrites</c>), so from then on no file of the server holds a key removed before the call.
/// </summary>
internal static class AppendOnlyFileRewrite
{
    // INFO is the only place a finished rewrite shows; rewriting a key store of thousands of keys takes
    // milliseconds, so a short poll keeps the erase close to the rewrite's own time.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Fails, naming the setting, unless the server keeps an append-only file it can report rewrites of (redis-server 7 or later).</summary>
    public static async Task EnsureSupportedAsync(IServer server) => _ = Supported(server, await StatusAsync(server));

    /// <summary>Returns once a rewrite that started after this call has finished on <paramref name="server"/>.</summary>
    public static async Task AwaitAsync(IServer server, CancellationToken cancellationToken)
    {
        var start = await StatusAsync(server);

        // A rewrite already running may have read the data before the caller's removal: wait for the next one.
        var needed = Supported(server, start) + (start.InProgress ? 2 : 1);
        var status = start;
        while (status.Rewrites < needed)
        {
            if (!status.InProgress && !status.Scheduled)
            {
                try
                {
                    await server.ExecuteAsync("BGREWRITEAOF");
                }
                catch (RedisServerException ex) when (ex.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase))
                {
                    // Started by someone else since the status was read: it started after the removal, so it counts.
                }
            }

            try
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"The key store at {server.EndPoint} did not finish rewriting its append-only file within {SnapshotEncryptionOptions.SectionName}:KeyStoreCompactionTimeout " +
                    $"(last rewrite status: {status.LastStatus}); the data key is removed but old copies may remain in its files until a rewrite succeeds. Retry the erase.");
            }

            status = await StatusAsync(server);
        }
    }

    private static long Supported(IServer server, Status status)
    {
        if (status.Enabled && status.Rewrites is { } rewrites)
        {
            return rewrites;
        }

        throw new InvalidOperationException(
            $"The key store at {server.EndPoint} ({SnapshotEncryptionOptions.SectionName}:KeyStoreConnectionString) must be redis-server 7 or later with appendonly yes: " +
            "erase rewrites its append-only file to destroy old copies of a data key, and this server " +
            (status.Enabled ? "does not report append-only file rewrites (aof_rewrites)." : "runs without an append-only file."));
    }

    private static async Task<Status> StatusAsync(IServer server)
    {
        var info = (await server.InfoAsync("persistence")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return new Status(
            info.GetValueOrDefault("aof_enabled") == "1",
            info.TryGetValue("aof_rewrites", out var rewrites) ? long.Parse(rewrites, CultureInfo.InvariantCulture) : null,
            info.GetValueOrDefault("aof_rewrite_in_progress") == "1",
            info.GetValueOrDefault("aof_rewrite_scheduled") == "1",
            info.GetValueOrDefault("aof_last_bgrewrite_status") ?? "unknown");
    }

    private sealed record Status(bool Enabled, long? Rewrites, bool InProgress, bool Scheduled, string LastStatus);
}
