using System.Text.Json;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// Retention keeps the audit log bounded by count and by age, on a real store, and the kept trail
/// still verifies from its signed checkpoint; a tampered checkpoint does not.
/// </summary>
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private const int Kept = 100;
    private readonly GarnetTestStore _store = GarnetTestStore.Start();
    private MemoryCluster _memory = null!;

    public async Task InitializeAsync() =>
        _memory = await MemoryCluster.StartAsync(_store, new Dictionary<string, string?>
        {
            [$"{AuditOptions.SectionName}:RetainEvents"] = Kept.ToString(),
            [$"{AuditOptions.SectionName}:RetainFor"] = "1.00:00:00",
        });

    public async Task DisposeAsync()
    {
        await _memory.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task ManyEvents_KeepAboutTheLimit_AndTheKeptTrailVerifies()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        for (var i = 0; i < 121; i++)
        {
            await user.RememberAsync([new NewMemory($"Visited place number {i}")]);
        }

        // Reading through the grain first flushes the pages of the last writes.
        var kept = await user.ReadAuditAsync(1, 500);
        var raw = (await RawAuditTrail.EventsAsync(_store, userId)).Count;

        Assert.InRange(raw, Kept, Kept + (Kept / 10));
        Assert.Equal(121, kept[^1].Sequence);
        Assert.Equal(121 - raw + 1, kept[0].Sequence);
        var verification = await user.VerifyAuditAsync();
        Assert.True(verification.Valid, verification.Problem);
    }

    [Fact]
    public async Task EventsOlderThanTheRetentionAge_AreRemovedAtActivation_AndTheRestVerifies()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Old trip to Lisbon")]);
        await user.RememberAsync([new NewMemory("Old trip to Porto")]);
        _memory.Clock.Advance(TimeSpan.FromDays(2));
        await user.RememberAsync([new NewMemory("New trip to Madrid")]);

        await _memory.DeactivateAsync(userId);
        var verification = await user.VerifyAuditAsync();

        Assert.True(verification.Valid, verification.Problem);
        var kept = await user.ReadAuditAsync(1, 100);
        Assert.Equal(3, kept[0].Sequence);
        Assert.DoesNotContain(kept, e => e.Sequence < 3);
    }

    [Fact]
    public async Task TamperedCheckpoint_FailsVerification()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Old trip to Lisbon")]);
        _memory.Clock.Advance(TimeSpan.FromDays(2));
        await user.RememberAsync([new NewMemory("New trip to Madrid")]);
        await user.RememberAsync([new NewMemory("New trip to Seville")]);
        await _memory.DeactivateAsync(userId);
        Assert.True((await user.VerifyAuditAsync()).Valid);
        var db = await _store.RawAsync();
        var key = StoreKeys.AuditCheckpoint(StoreKeys.DefaultPrefix, userId);
        var checkpoint = JsonSerializer.Deserialize<JsonElement>((string)(await db.StringGetAsync(key))!);

        // Hides event 2 by claiming the kept trail starts after it.
        var moved = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sequence"] = 2,
            ["hash"] = (await user.ReadAuditAsync(2, 1))[0].Hash,
            ["time"] = checkpoint.GetProperty("time").GetString(),
            ["keyId"] = checkpoint.GetProperty("keyId").GetString(),
            ["signature"] = checkpoint.GetProperty("signature").GetString(),
        });
        await db.StringSetAsync(key, moved);

        var verification = await user.VerifyAuditAsync();
        Assert.False(verification.Valid);
        Assert.Contains("checkpoint", verification.Problem);
    }
}
