using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

[Collection(GarnetClusterCollection.Name)]
public sealed class UserMemoryGrainTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Remember_Batch_ReturnsOutcomePerItemAndDetectsExactDuplicates()
    {
        var user = _memory.User(TestUsers.New());
        var first = await user.RememberAsync([new NewMemory("I prefer aisle seats"), new NewMemory("Allergic to peanuts")]);

        var second = await user.RememberAsync(
        [
            new NewMemory("Allergic to peanuts"),
            new NewMemory("Vegetarian meals please"),
            new NewMemory("Vegetarian meals please"),
        ]);

        Assert.All(first.Outcomes, o => Assert.Equal(RememberStatus.Stored, o.Status));
        Assert.Equal([RememberStatus.Duplicate, RememberStatus.Stored, RememberStatus.Duplicate], second.Outcomes.Select(o => o.Status));
        Assert.Equal(first.Outcomes[1].MemoryId, second.Outcomes[0].MemoryId);
        Assert.Equal(second.Outcomes[1].MemoryId, second.Outcomes[2].MemoryId);
        Assert.Equal(3, (await user.GetStatsAsync()).MemoryCount);
    }

    [Fact]
    public async Task Remember_TextWithCaseOrSpacingDifference_IsNotADuplicate()
    {
        var user = _memory.User(TestUsers.New());

        var result = await user.RememberAsync([new NewMemory("Window seat"), new NewMemory("window seat"), new NewMemory("Window  seat")]);

        Assert.All(result.Outcomes, o => Assert.Equal(RememberStatus.Stored, o.Status));
    }

    [Fact]
    public async Task AddConversation_Messages_BecomeMemoriesWithSessionAndRole()
    {
        var user = _memory.User(TestUsers.New());
        var said = DateTimeOffset.Parse("2026-03-01T10:00:00Z");

        var result = await user.AddConversationAsync(new Conversation("trip-42",
        [
            new ConversationMessage("user", "Book me a flight to Lisbon in May", said),
            new ConversationMessage("assistant", "Do you want a direct flight?", said.AddMinutes(1)),
            new ConversationMessage("user", "Yes, direct only", said.AddMinutes(2)),
        ]));

        Assert.Equal(3, result.StoredCount);
        var stored = await user.GetAsync(result.Outcomes[1].MemoryId);
        Assert.NotNull(stored);
        Assert.Equal("trip-42", stored.SessionId);
        Assert.Equal("assistant", stored.Role);
        Assert.Equal("conversation", stored.Category);
        Assert.Equal(said.AddMinutes(1), stored.CreatedAt);
    }

    [Fact]
    public async Task AddConversation_SameSentenceInTwoSessions_IsKeptForEach()
    {
        var user = _memory.User(TestUsers.New());

        await user.AddConversationAsync(new Conversation("s1", [new ConversationMessage("user", "Sounds good")]));
        var second = await user.AddConversationAsync(new Conversation("s2", [new ConversationMessage("user", "Sounds good")]));
        var resent = await user.AddConversationAsync(new Conversation("s2", [new ConversationMessage("user", "Sounds good")]));

        Assert.Equal(RememberStatus.Stored, second.Outcomes[0].Status);
        Assert.Equal(RememberStatus.Duplicate, resent.Outcomes[0].Status);
    }

    [Fact]
    public async Task Search_Keywords_RanksTheMemoryWithTheRareTermFirst()
    {
        var user = _memory.User(TestUsers.New());
        await user.RememberAsync(
        [
            new NewMemory("The user likes hotels near the beach"),
            new NewMemory("The user flew to Reykjavik last winter"),
            new NewMemory("The user likes hotels with a gym"),
        ]);

        var hits = await user.SearchAsync(new SearchQuery("trip to Reykjavik"));

        Assert.NotEmpty(hits);
        Assert.Equal("The user flew to Reykjavik last winter", hits[0].Memory.Text);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task Search_Filters_ExcludeOtherCategoriesTagsAndSessions()
    {
        var user = _memory.User(TestUsers.New());
        await user.RememberAsync(
        [
            new NewMemory("Hotel in Rome booked", Category: "trip", Tags: new Dictionary<string, string> { ["city"] = "rome" }),
            new NewMemory("Hotel in Paris booked", Category: "trip", Tags: new Dictionary<string, string> { ["city"] = "paris" }),
            new NewMemory("Hotel loyalty number is 1234", Category: "account"),
        ]);

        var byCategory = await user.SearchAsync(new SearchQuery("hotel", Category: "account"));
        var byTag = await user.SearchAsync(new SearchQuery("hotel", Tags: new Dictionary<string, string> { ["city"] = "paris" }));

        Assert.Equal(["Hotel loyalty number is 1234"], byCategory.Select(h => h.Memory.Text));
        Assert.Equal(["Hotel in Paris booked"], byTag.Select(h => h.Memory.Text));
    }

    [Fact]
    public async Task Forget_Ids_RemovesThemFromGetListAndSearch()
    {
        var user = _memory.User(TestUsers.New());
        var stored = await user.RememberAsync([new NewMemory("Passport expires in June"), new NewMemory("Frequent flyer with Iberia")]);
        var passportId = stored.Outcomes[0].MemoryId;

        var result = await user.ForgetAsync([passportId, "m_doesnotexist"]);

        Assert.Equal([passportId], result.Forgotten);
        Assert.Equal(["m_doesnotexist"], result.NotFound);
        Assert.Null(await user.GetAsync(passportId));
        Assert.Empty(await user.SearchAsync(new SearchQuery("passport")));
        Assert.Equal(1, (await user.ListAsync(new ListQuery())).Total);
    }

    [Fact]
    public async Task List_Pages_NewestFirstWithFiltersAndNextOffset()
    {
        var user = _memory.User(TestUsers.New());
        for (var i = 0; i < 7; i++)
        {
            await user.RememberAsync([new NewMemory($"note {i}", Category: i % 2 == 0 ? "even" : "odd")]);
        }

        var first = await user.ListAsync(new ListQuery(Offset: 0, Limit: 3));
        var last = await user.ListAsync(new ListQuery(Offset: 6, Limit: 3));
        var odd = await user.ListAsync(new ListQuery(Category: "odd"));

        Assert.Equal(["note 6", "note 5", "note 4"], first.Items.Select(m => m.Text));
        Assert.Equal(7, first.Total);
        Assert.Equal(3, first.NextOffset);
        Assert.Equal(["note 0"], last.Items.Select(m => m.Text));
        Assert.Null(last.NextOffset);
        Assert.Equal(["note 5", "note 3", "note 1"], odd.Items.Select(m => m.Text));
    }

    [Fact]
    public async Task Update_Text_KeepsPreviousVersionsUpToTheLimit()
    {
        var user = _memory.User(TestUsers.New());
        var id = (await user.RememberAsync([new NewMemory("Budget: 1000 EUR")])).Outcomes[0].MemoryId;

        MemoryRecord updated = null!;
        for (var i = 2; i <= 13; i++)
        {
            updated = await user.UpdateAsync(id, new MemoryUpdate(Text: $"Budget: {i}000 EUR"));
        }

        Assert.Equal(13, updated.Version);
        Assert.Equal("Budget: 13000 EUR", updated.Text);
        Assert.Equal(10, updated.PreviousVersions.Count);
        Assert.Equal(Enumerable.Range(3, 10), updated.PreviousVersions.Select(v => v.Version));
        Assert.Equal("Budget: 12000 EUR", updated.PreviousVersions[^1].Text);
        // Keyword mode: the words of old versions must be gone from the index ("1000" still means something close to "13000").
        Assert.Single(await user.SearchAsync(new SearchQuery("13000", Mode: SearchMode.Keyword)));
        Assert.Empty(await user.SearchAsync(new SearchQuery("1000", Mode: SearchMode.Keyword)));
    }

    [Fact]
    public async Task Update_UnknownId_ThrowsNotFound()
    {
        var user = _memory.User(TestUsers.New());

        var error = await Assert.ThrowsAsync<MemoryNotFoundException>(() => user.UpdateAsync("m_missing", new MemoryUpdate(Text: "x")));

        Assert.Equal("m_missing", error.MemoryId);
    }

    [Fact]
    public async Task Preferences_SetMergesAndEmptyValueRemoves()
    {
        var user = _memory.User(TestUsers.New());
        await user.SetPreferencesAsync(new Dictionary<string, string> { ["seat"] = "aisle", ["meal"] = "vegetarian" });

        var after = await user.SetPreferencesAsync(new Dictionary<string, string> { ["seat"] = "window", ["meal"] = "" });

        Assert.Equal(new Dictionary<string, string> { ["seat"] = "window" }, after);
        Assert.Equal(after, await user.GetPreferencesAsync());
    }

    [Fact]
    public async Task Context_GroupsMostRecentPerCategoryWithPreferences()
    {
        var user = _memory.User(TestUsers.New());
        await user.SetPreferencesAsync(new Dictionary<string, string> { ["seat"] = "aisle" });
        for (var i = 0; i < 4; i++)
        {
            await user.RememberAsync([new NewMemory($"trip note {i}", Category: "trip")]);
        }

        await user.RememberAsync([new NewMemory("Gold member at Marriott")]);

        var context = await user.GetContextAsync(new ContextQuery(PerCategory: 2));

        var trip = Assert.Single(context.Sections, s => s.Category == "trip");
        Assert.Equal(["trip note 3", "trip note 2"], trip.Memories.Select(m => m.Text));
        Assert.Contains(context.Sections, s => s.Category == "general");
        Assert.Contains("- seat: aisle", context.Prompt);
        Assert.Contains("trip note 3", context.Prompt);
        Assert.DoesNotContain("trip note 1", context.Prompt);
    }

    [Fact]
    public async Task Expiry_PassedExpiresAt_RemovesTheMemoryFromTheSnapshot()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        var stored = await user.RememberAsync(
        [
            new NewMemory("Hotel door code 4711", ExpiresAt: _memory.Clock.GetUtcNow().AddHours(1)),
            new NewMemory("Likes museums"),
        ]);

        _memory.Clock.Advance(TimeSpan.FromHours(2));
        await _memory.DeactivateAsync(userId);
        var stats = await user.GetStatsAsync();

        Assert.Null(await user.GetAsync(stored.Outcomes[0].MemoryId));
        Assert.Equal(1, stats.MemoryCount);
        Assert.Equal(1, stats.ExpiredTotal);
        Assert.DoesNotContain((await user.ExportAsync()).Memories, m => m.Text.Contains("4711"));
    }

    [Fact]
    public async Task Expiry_OfAnInactiveUser_DeletesTheMemoryFromTheStoreWithoutAnyCall()
    {
        var userId = TestUsers.New();
        await _memory.User(userId).RememberAsync(
        [
            new NewMemory("Temporary hotel door code 8080", ExpiresAt: _memory.Clock.GetUtcNow().AddSeconds(3)),
            new NewMemory("Likes jazz bars"),
        ]);
        // Deactivated at once after the answer: the reminder must already be registered by then.
        await _memory.DeactivateAsync(userId);
        _memory.Clock.Advance(TimeSpan.FromMinutes(1));

        // Nothing calls the user: only the expiry reminder can wake the grain and write the purge (a journal record).
        await Eventually.TrueAsync(
            async () => (await _memory.JournalSequencesAsync(userId)).Count > 0,
            TimeSpan.FromSeconds(60),
            "the expiry reminder to write the purge");

        // Read back from the store: the purge is durable.
        await _memory.DeactivateAsync(userId);
        var stats = await _memory.User(userId).GetStatsAsync();
        Assert.Equal(1, stats.MemoryCount);
        Assert.Equal(1, stats.ExpiredTotal);
    }

    /// <summary>
    /// The reminder ticks while the grain's clock says the memory has not expired yet (a silo whose clock is behind
    /// the one that aimed it): the tick aims the reminder again rather than leaving the daily backstop as the next tick.
    /// </summary>
    [Fact]
    public async Task Expiry_TickBeforeTheMemorysTime_IsAimedAgainAndDeletesItOnTime()
    {
        var userId = TestUsers.New();
        await _memory.User(userId).RememberAsync([new NewMemory("Temporary hotel door code 8080", ExpiresAt: _memory.Clock.GetUtcNow().AddSeconds(3))]);
        await _memory.DeactivateAsync(userId);

        // The grain's clock stands still while the reminder comes due (about 3 s of real time): its tick is early.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Empty(await _memory.JournalSequencesAsync(userId));
        _memory.Clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.TrueAsync(
            async () => (await _memory.JournalSequencesAsync(userId)).Count > 0,
            TimeSpan.FromSeconds(60),
            "the re-aimed expiry reminder to write the purge");
    }

    [Fact]
    public async Task Stats_CountsWhatTheUserHolds()
    {
        var user = _memory.User(TestUsers.New());
        await user.RememberAsync([new NewMemory("a café", Category: "food"), new NewMemory("b", Category: "food"), new NewMemory("c")]);
        await user.RememberAsync([new NewMemory("c")]);

        var stats = await user.GetStatsAsync();

        Assert.Equal(3, stats.MemoryCount);
        Assert.Equal(2, stats.ByCategory["food"]);
        Assert.Equal(1, stats.ByCategory["general"]);
        Assert.Equal(3, stats.StoredTotal);
        Assert.Equal(1, stats.DuplicatesTotal);
        Assert.Equal(9, stats.TextBytes);
    }
}
