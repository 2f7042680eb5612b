using TripSage.Memory.Harness;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> process (<see cref="RedisServerProcess"/>) on a free loopback port with an
/// fsync-always append-only file in a temporary folder. Tests using it are skipped when redis-server is not
/// installed, unless <c>TRIPSAGE_REQUIRE_REDIS=1</c> (set by <c>.ci/run</c>), where a missing server is a failure.
/// </summary>
public sealed class RedisServerTestStore : TestStore
{
    private readonly RedisServerProcess _server;

    private RedisServerTestStore(RedisServerProcess server) => _server = server;

    public override string Name => "redis-server";

    public override string ConnectionString => _server.ConnectionString;

    /// <summary>The folder holding the server's files (<c>appendonlydir/</c>).</summary>
    public string DataPath => _server.DataPath;

    public static string? Executable => RedisServerProcess.Executable;

    /// <summary>Skips the calling test when redis-server is missing and not required.</summary>
    public static void SkipUnlessAvailable()
    {
        var required = Environment.GetEnvironmentVariable("TRIPSAGE_REQUIRE_REDIS") == "1";
        if (Executable is null && required)
        {
            throw new InvalidOperationException("TRIPSAGE_REQUIRE_REDIS=1 but redis-server is not on PATH; install it with: apt-get install -y redis-server");
        }

        Skip.If(Executable is null, "redis-server is not installed (apt-get install -y redis-server); the real-Redis leg runs in .ci/run.");
    }

    /// <summary>Starts a server; <paramref name="extraArguments"/> (such as <c>--aof-use-rdb-preamble no</c>) go after the defaults.</summary>
    public static async Task<RedisServerTestStore> StartNewAsync(params string[] extraArguments) =>
        new(await RedisServerProcess.StartAsync(Directory.CreateTempSubdirectory("tripsage-redis-").FullName, extraArguments));

    public override Task StartAsync() => _server.StartAsync();

    public override async Task StopAsync()
    {
        await CloseRawAsync();
        await _server.KillAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(DataPath, recursive: true);
    }
}
