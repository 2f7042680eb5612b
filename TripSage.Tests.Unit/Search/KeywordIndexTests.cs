using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Search;

public sealed class KeywordIndexTests
{
    [Fact]
    public void Score_AfterRemovesUpdatesAndReusedSlots_EqualsAFreshIndexOfTheSameMemories()
    {
        var index = new KeywordIndex();
        index.Add("a", "Window seat on the flight to Lisbon");
        index.Add("b", "Vegetarian meal, quiet room in Oslo");
        index.Add("c", "Lisbon hotel with late checkout");
        index.Remove("b");
        index.Add("d", "Quiet room, window seat, Lisbon again");
        index.Add("a", "Aisle seat on the train to Porto");

        var fresh = new KeywordIndex();
        fresh.Add("c", "Lisbon hotel with late checkout");
        fresh.Add("d", "Quiet room, window seat, Lisbon again");
        fresh.Add("a", "Aisle seat on the train to Porto");

        foreach (var query in new[] { "window seat Lisbon", "vegetarian Oslo", "quiet room", "aisle train Porto" })
        {
            Assert.Equal(fresh.Score(query).OrderBy(s => s.Key, StringComparer.Ordinal), index.Score(query).OrderBy(s => s.Key, StringComparer.Ordinal));
        }

        Assert.Equal(3, index.Count);
        Assert.Empty(index.Score("vegetarian"));
    }

    [Fact]
    public void Score_TermRepeatedInAMemory_WeighsItsFrequency()
    {
        var index = new KeywordIndex();
        index.Add("once", "Lisbon trip, then Porto and Faro");
        index.Add("thrice", "Lisbon, Lisbon and Lisbon again");

        var scores = index.Score("Lisbon");

        Assert.True(scores["thrice"] > scores["once"]);
    }

    [Fact]
    public void Canonical_SameWordFromTwoTexts_IsOneInstance()
    {
        var first = new string("lisbonx".AsSpan());
        var second = new string("lisbonx".AsSpan());

        Assert.Same(TermPool.Canonical(first), TermPool.Canonical(second));
    }

    [Fact]
    public void Canonical_TermWithDigits_IsNotPooled()
    {
        var first = new string("xj9042q".AsSpan());
        var second = new string("xj9042q".AsSpan());

        Assert.NotSame(TermPool.Canonical(first), TermPool.Canonical(second));
    }
}
