using System.Text.Json;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Domain;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Domain;

/// <summary>The model's change tracking: what a write's journal record holds, and that replaying records rebuilds the state.</summary>
public sealed class UserMemoryChangesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T10:00:00Z");

    [Fact]
    public void TakeChanges_HoldsOnlyWhatChangedSinceTheLastTake()
    {
        var memory = Model();
        var kept = Record("aisle seat");
        var forgotten = Record("window seat");
        Store(memory, kept, forgotten, Record("vegetarian"));
        memory.TakeChanges();

        var added = Record("folding bike");
        Store(memory, added);
        memory.Forget([forgotten.Id], Now);
        memory.SetPreferences(new Dictionary<string, string>(StringComparer.Ordinal) { ["currency"] = "EUR" });
        var changes = memory.TakeChanges();

        Assert.Equal([added.Id], changes.Upserted.Select(m => m.Id));
        Assert.Equal([forgotten.Id], changes.Removed);
        Assert.Equal("EUR", changes.Preferences!["currency"]);
        Assert.Equal(4, changes.Counters.Stored);
        Assert.Equal(1, changes.Counters.Forgotten);
        var nothing = memory.TakeChanges();
        Assert.Empty(nothing.Upserted);
        Assert.Empty(nothing.Removed);
        Assert.Null(nothing.Preferences);
    }

    [Fact]
    public void TakeChanges_MemoryAddedThenForgotten_IsOnlyRemoved()
    {
        var memory = Model();
        var brief = Record("changed my mind");
        Store(memory, brief);
        memory.Forget([brief.Id], Now);

        var changes = memory.TakeChanges();

        Assert.Empty(changes.Upserted);
        Assert.Equal([brief.Id], changes.Removed);
    }

    [Fact]
    public void ApplyTo_EveryRecordInOrder_RebuildsTheState()
    {
        var memory = Model();
        var replayed = new UserMemoryState();
        var first = Record("aisle seat");
        Store(memory, first, Record("window seat") with { ExpiresAt = Now.AddMinutes(1) });
        memory.TakeChanges().ApplyTo(replayed);
        memory.Update(memory.PlanUpdate(first.Id, new MemoryUpdate(Text: "aisle seat, always"), Now), Now);
        memory.SetPreferences(new Dictionary<string, string>(StringComparer.Ordinal) { ["seat"] = "aisle" });
        memory.TakeChanges().ApplyTo(replayed);
        memory.PurgeExpired(Now.AddMinutes(2));
        memory.TakeChanges().ApplyTo(replayed);

        Assert.Equal(Describe(memory.State), Describe(replayed));
        Assert.Single(replayed.Memories);
    }

    [Fact]
    public void ApplyTo_IdempotencyKeysAddedAndDropped_RebuildsTheKeys()
    {
        var memory = new UserMemory(new UserMemoryState(), new UserSearchIndex(new SearchOptions()), new MemoryOptions { MaxIdempotencyKeys = 1 });
        var replayed = new UserMemoryState();
        var first = memory.PlanNew([Record("aisle seat")], "memories", Now, ["key-1"]);
        memory.Store(first, first.Accepted, Now);
        memory.TakeChanges().ApplyTo(replayed);
        var second = memory.PlanNew([Record("window seat")], "memories", Now.AddSeconds(1), ["key-2"]);
        memory.Store(second, second.Accepted, Now.AddSeconds(1));
        var changes = memory.TakeChanges();
        changes.ApplyTo(replayed);

        Assert.Equal(["key-1"], changes.DroppedIdempotencyKeys);
        Assert.Equal(["key-2"], replayed.IdempotencyKeys.Keys);
        Assert.Equal(memory.State.IdempotencyKeys, replayed.IdempotencyKeys);
    }

    private static string Describe(UserMemoryState state) => JsonSerializer.Serialize(new
    {
        Memories = state.Memories.Values.OrderBy(m => m.Id, StringComparer.Ordinal),
        state.Preferences,
        state.Counters,
    });

    private static UserMemory Model() => new(new UserMemoryState(), new UserSearchIndex(new SearchOptions()), new MemoryOptions());

    private static MemoryRecord Record(string text) => new() { Id = MemoryIds.New(), Text = text, CreatedAt = Now, UpdatedAt = Now };

    private static void Store(UserMemory memory, params MemoryRecord[] records)
    {
        var plan = memory.PlanNew(records, "memories", Now);
        memory.Store(plan, plan.Accepted, Now);
    }
}
