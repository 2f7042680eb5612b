using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Failover;

/// <summary>
/// Three silos on one store, called through the client's <see cref="IMemoryClient"/> with its call policy:
/// a silo killed with calls in flight fails them (or repeats the safe ones) well before the response
/// timeout, and a silo stopped gracefully under load loses no acknowledged write and no read's audit event
/// (issue 12, item 2; issue 11, finding 6). Each test kills or stops its own silo, never the first.
/// </summary>
public sealed class SiloFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    // Behavioural, not a speed target: without the client watching its gateways these calls end at the 10 s timeout.
    private static readonly TimeSpan WellBeforeTheTimeout = TimeSpan.FromSeconds(8);

    private GarnetTestStore _store = null!;
    private MemoryCluster _memory = null!;
    private IMemoryClient _client = null!;

    public async Task InitializeAsync()
    {
        _store = GarnetTestStore.Start();
        // Reads' audit events wait for a write or the grain's deactivation, never for the timer: what a
        // graceful stop must flush is then exactly the reads since the last write.
        var overrides = new Dictionary<string, string?> { [$"{AuditOptions.SectionName}:{nameof(AuditOptions.FlushDelay)}"] = "00:01:00" };
        _memory = await MemoryCluster.StartAsync(_store, overrides, silos: 3, configureClient: client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            client.AddMemoryCallPolicy(new MemoryClientOptions { ResponseTimeout = ResponseTimeout });
        });
        _client = _memory.Client.ServiceProvider.GetRequiredService<IMemoryClient>();
    }

    public async Task DisposeAsync()
    {
        await _memory.DisposeAsync();
        await _store.DisposeAsync();
    }

    // Fails without GatewayLossSignal (the calls end at the 10 s timeout). It was flaky while the silo was only
    // "killed" the test cluster's way: an ungraceful stop of an in-process host that is then never disposed (the
    // handle skips disposing a stopped silo), so its sockets could stay open and the client saw no close — a
    // vanished machine, which only the timeout notices (README), not a dead process. KillAsync closes them as
    // the operating system does for a process that died.
    [Fact]
    public async Task SiloKilled_CallsInFlightOnIt_EndWellBeforeTheResponseTimeout()
    {
        var (victim, users) = await UsersOnOneSiloAsync(1);
        var userId = users[0];
        var memoryId = (await _client.RememberAsync(userId, new NewMemory("Hotel in Lisbon"))).MemoryId;

        // The update's snapshot write waits in the silo, and the read waits behind it: both are in flight there.
        var held = FaultInjectingGrainStorage.HoldWritesFor(userId);
        var clock = Stopwatch.StartNew();
        var update = _client.UpdateAsync(userId, memoryId, new MemoryUpdate(Text: "Hotel in Porto"));
        await held.Arrived;
        var read = _client.GetAsync(userId, memoryId);
        await KillAsync(victim);

        var updateFailure = await Assert.ThrowsAsync<GridUnavailableException>(() => update);
        var updateEnded = clock.Elapsed;
        var readEnded = await EndAsync(read);

        Assert.True(updateEnded < WellBeforeTheTimeout, $"the update ended {updateEnded.TotalSeconds:0.0} s after it was sent; the response timeout is {ResponseTimeout.TotalSeconds:0} s");
        Assert.True(updateFailure.OutcomeUnknown);
        Assert.Equal("update", updateFailure.Operation);

        // A read is safe to repeat: it was given up as fast, then answered by a surviving silo or failed after its
        // repeats. Not timed: a repeat sent before the cluster has declared the silo dead can wait out the timeout.
        Assert.True(readEnded is MemoryRecord { Text: "Hotel in Lisbon" } or GridUnavailableException { Operation: "get" }, $"the read ended with {readEnded}");
    }

    [Fact]
    public async Task SiloStoppedGracefully_UnderLoad_EveryAcknowledgedWriteAndReadEventIsDurable()
    {
        var (victim, users) = await UsersOnOneSiloAsync(4);
        var others = Enumerable.Range(0, 4).Select(_ => TestUsers.New()).ToList();
        var everyone = users.Concat(others).ToList();
        var acknowledged = new ConcurrentBag<(string User, string MemoryId)>();
        var reads = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();

        // Half the users on the stopped silo only read: nothing but its shutdown appends their events.
        var readersOnly = users.Take(2).ToHashSet(StringComparer.Ordinal);
        var load = everyone.Select(user => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    if (!readersOnly.Contains(user))
                    {
                        var outcome = await _client.RememberAsync(user, new NewMemory($"Note {i}"));
                        acknowledged.Add((user, outcome.MemoryId));
                    }

                    await _client.GetPreferencesAsync(user);
                    reads.AddOrUpdate(user, 1, (_, n) => n + 1);
                }
                catch (GridUnavailableException)
                {
                    // Not acknowledged: nothing to check. The next call goes on.
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await _memory.Cluster.StopSiloAsync(victim);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Contains(acknowledged, a => users.Contains(a.User));
        Assert.All(readersOnly, user => Assert.True(reads.GetValueOrDefault(user) > 0));
        foreach (var user in everyone)
        {
            var held = (await _client.ExportAsync(user)).Memories.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            Assert.All(acknowledged.Where(a => a.User == user), a => Assert.Contains(a.MemoryId, held));

            var readEvents = (await AuditOfAsync(user)).Count(e => e is { Operation: "get_preferences", Outcome: "ok" });
            Assert.True(readEvents >= reads.GetValueOrDefault(user), $"{user}: {reads.GetValueOrDefault(user)} acknowledged reads, {readEvents} audit events of them");
        }
    }

    private async Task<List<AuditEvent>> AuditOfAsync(string user)
    {
        // Each read of the trail adds its own event, so the last page is the first one shorter than a full page.
        const int pageSize = 500;
        var events = new List<AuditEvent>();
        IReadOnlyList<AuditEvent> page;
        do
        {
            page = await _client.ReadAuditAsync(user, events.Count + 1, pageSize);
            events.AddRange(page);
        }
        while (page.Count == pageSize);

        return events;
    }

    /// <summary>
    /// Kills the silo and releases what its process would hold: the test cluster stops it without shutting
    /// anything down, then the host is disposed, which closes its sockets as the operating system closes a
    /// dead process's.
    /// </summary>
    private async Task KillAsync(InProcessSiloHandle silo)
    {
        await _memory.Cluster.KillSiloAsync(silo);
        silo.SiloHost.Dispose();
    }

    /// <summary>The exception a call ended with, or its answer.</summary>
    private static async Task<object?> EndAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// Users whose memory is active on one silo other than the first (the test cluster's own client and
    /// the management grain live there): remembers new users until one such silo holds <paramref name="count"/>.
    /// </summary>
    private async Task<(InProcessSiloHandle Silo, List<string> Users)> UsersOnOneSiloAsync(int count)
    {
        var bySilo = new Dictionary<SiloAddress, List<string>>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var userId = TestUsers.New();
            await _client.RememberAsync(userId, new NewMemory("Activation"));
            var silo = (await _memory.InternalGrains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
                .Single(s => s.GrainId.Type == GrainType.Create(MemoryCluster.UserGrainType) && s.GrainId.Key.ToString() == userId)
                .SiloAddress;
            if (silo == _memory.Cluster.Silos[0].SiloAddress)
            {
                continue;
            }

            var users = bySilo.TryGetValue(silo, out var list) ? list : bySilo[silo] = [];
            users.Add(userId);
            if (users.Count == count)
            {
                return (_memory.Cluster.Silos.Single(s => s.SiloAddress == silo), users);
            }
        }

        throw new InvalidOperationException($"No silo but the first took {count} users out of 200.");
    }
}
