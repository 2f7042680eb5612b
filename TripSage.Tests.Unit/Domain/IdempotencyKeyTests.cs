using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Domain;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Domain;

/// <summary>A remember repeated with the same idempotency key stores nothing new and answers as the first did (issue 12, item 2).</summary>
public sealed class IdempotencyKeyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T10:00:00Z");

    [Fact]
    public void PlanNew_KeyAlreadyStored_AnswersWithTheFirstMemoryAndStoresNothing()
    {
        var memory = Model();
        var first = Remember(memory, Now, ("Prefers an aisle seat", "k-1"));

        var repeat = memory.PlanNew([Record("Prefers an aisle seat")], "memories", Now, ["k-1"]);

        Assert.Empty(repeat.Accepted);
        Assert.Equal(new RememberOutcome(0, first, RememberStatus.Stored), repeat.Outcomes[0]);
        Assert.Equal(0, repeat.Duplicates);
    }

    [Fact]
    public void PlanNew_KeyOfAMemoryChangedSince_StillStoresNothing()
    {
        var memory = Model();
        var first = Remember(memory, Now, ("Hotel in Lisbon", "k-1"));
        memory.Update(memory.PlanUpdate(first, new MemoryUpdate(Text: "Hotel in Porto"), Now), Now);

        // Without the key this text is no duplicate any more: a retry would store it again.
        var repeat = memory.PlanNew([Record("Hotel in Lisbon")], "memories", Now, ["k-1"]);

        Assert.Empty(repeat.Accepted);
        Assert.Equal(first, repeat.Outcomes[0].MemoryId);
    }

    [Fact]
    public void PlanNew_NewKey_IsStoredAsUsual()
    {
        var memory = Model();
        Remember(memory, Now, ("Prefers an aisle seat", "k-1"));

        var plan = memory.PlanNew([Record("Vegetarian")], "memories", Now, ["k-2"]);

        Assert.Single(plan.Accepted);
        Assert.Equal(RememberStatus.Stored, plan.Outcomes[0].Status);
    }

    [Fact]
    public void Load_StateWithKeys_KeepsAnsweringRepeats()
    {
        var memory = Model();
        var first = Remember(memory, Now, ("Prefers an aisle seat", "k-1"));

        // As after a deactivation: a new model over the state as it was persisted.
        var reloaded = new UserMemory(memory.State, new UserSearchIndex(new SearchOptions()), new MemoryOptions());
        var repeat = reloaded.PlanNew([Record("Prefers an aisle seat")], "memories", Now, ["k-1"]);

        Assert.Empty(repeat.Accepted);
        Assert.Equal(first, repeat.Outcomes[0].MemoryId);
    }

    [Fact]
    public void Store_MoreKeysThanKept_DropsTheOldest()
    {
        var memory = Model(new MemoryOptions { MaxIdempotencyKeys = 2 });
        Remember(memory, Now, ("one", "k-1"));
        Remember(memory, Now.AddSeconds(1), ("two", "k-2"));
        Remember(memory, Now.AddSeconds(2), ("three", "k-3"));

        Assert.Equal(["k-2", "k-3"], memory.State.IdempotencyKeys.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PlanNew_KeyOlderThanItsLifetime_IsNoLongerRecognized()
    {
        var memory = Model(new MemoryOptions { IdempotencyKeyLifetime = TimeSpan.FromMinutes(10) });
        Remember(memory, Now, ("Prefers an aisle seat", "k-1"));
        var later = Now.AddMinutes(11);
        memory.Forget(memory.State.Memories.Keys.ToList(), later);

        var plan = memory.PlanNew([Record("Prefers an aisle seat")], "memories", later, ["k-1"]);

        Assert.Single(plan.Accepted);
    }

    [Fact]
    public void Store_KeyPastItsLifetime_IsDroppedFromTheState()
    {
        var memory = Model(new MemoryOptions { IdempotencyKeyLifetime = TimeSpan.FromMinutes(10) });
        Remember(memory, Now, ("one", "k-1"));
        Remember(memory, Now.AddMinutes(11), ("two", "k-2"));

        Assert.Equal(["k-2"], memory.State.IdempotencyKeys.Keys);
    }

    private static UserMemory Model(MemoryOptions? options = null) =>
        new(new UserMemoryState(), new UserSearchIndex(new SearchOptions()), options ?? new MemoryOptions());

    private static MemoryRecord Record(string text) => new() { Id = MemoryIds.New(), Text = text, CreatedAt = Now, UpdatedAt = Now };

    private static string Remember(UserMemory memory, DateTimeOffset at, (string Text, string Key) item)
    {
        var plan = memory.PlanNew([Record(item.Text)], "memories", at, [item.Key]);
        memory.Store(plan, plan.Accepted, at);
        return plan.Outcomes[0].MemoryId;
    }
}
