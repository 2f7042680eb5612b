using System.Text.Json;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

/// <summary>Every limit rejects with an error naming the field, and nothing changes: neither the state nor the stored snapshot.</summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class ValidationTests(GarnetClusterFixture fixture)
{
    private static readonly string TooLong = new('x', 8193);
    private readonly MemoryCluster _memory = fixture.Memory;

    public static TheoryData<string, string> Cases() => new()
    {
        { "empty batch", "memories" },
        { "batch of 101", "memories" },
        { "blank text", "memories[0].text" },
        { "text over 8192 bytes", "memories[0].text" },
        { "multi-byte text over 8192 bytes", "memories[0].text" },
        { "control character", "memories[0].text" },
        { "second item invalid", "memories[1].text" },
        { "category with capitals", "memories[0].category" },
        { "17 tags", "memories[0].tags" },
        { "tag key with space", "memories[0].tags key" },
        { "tag value too long", "memories[0].tags[k]" },
        { "source with slash", "memories[0].source" },
        { "embedding of 3 dimensions", "memories[0].embedding" },
        { "embedding with NaN", "memories[0].embedding" },
        { "expiry in the past", "memories[0].expiresAt" },
        { "conversation role", "conversation.messages[0].role" },
        { "conversation of 501 messages", "conversation.messages" },
        { "conversation without session", "conversation.sessionId" },
        { "search top 0", "query.top" },
        { "search top 101", "query.top" },
        { "search query over 1024 bytes", "query.text" },
        { "search time range reversed", "query.from" },
        { "list limit 501", "query.limit" },
        { "list offset -1", "query.offset" },
        { "forget nothing", "memoryIds" },
        { "forget 1001 ids", "memoryIds" },
        { "forget malformed id", "memoryIds[0]" },
        { "update with control character", "update.text" },
        { "preference value over 1024 bytes", "preferences[seat]" },
        { "preference key with space", "preferences key" },
        { "context per category 0", "query.perCategory" },
        { "import of another user", "document.userId" },
        { "import of unknown format", "document.format" },
        { "import with an unknown role", "document.memories[0].role" },
        { "import of version 2147483647", "document.memories[0].version" },
        { "import with 11 earlier versions", "document.memories[0].previousVersions" },
        { "import with an earlier version over 8192 bytes", "document.memories[0].previousVersions[0].text" },
        { "import with a control character in an earlier version", "document.memories[0].previousVersions[0].text" },
        { "import with an earlier version not below the memory's", "document.memories[0].previousVersions[0].version" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_OverALimit_IsRejectedNamingTheFieldAndChangesNothing(string @case, string field)
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Prefers trains over planes", Category: "preference")]);
        await user.SetPreferencesAsync(new Dictionary<string, string> { ["seat"] = "aisle" });
        var stateBefore = await StateAsync(user);
        var snapshotBefore = await _memory.RawSnapshotAsync(userId);

        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => Invalid(@case, user, userId));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Allowed));
        Assert.Equal(stateBefore, await StateAsync(user));
        Assert.Equal(snapshotBefore, await _memory.RawSnapshotAsync(userId));
    }

    [Theory]
    [InlineData("broken {0} text", "\\ud800")]
    [InlineData("reversed {0} pair", "\\udc00\\ud800")]
    [InlineData("ends with high {0}", "\\ud83d")]
    public async Task Text_WithUnpairedSurrogate_IsRejectedByTheClientBeforeItIsSerialized(string template, string escapedSurrogates)
    {
        // Serialization would silently turn the lone surrogate into U+FFFD, so the client must refuse it.
        // (The surrogates arrive escaped because the test runner's own serialization would replace them too.)
        var text = string.Format(template, System.Text.RegularExpressions.Regex.Unescape(escapedSurrogates));
        const string field = "memories[0].text";
        var userId = TestUsers.New();
        var client = new Memory.Client.MemoryClient(_memory.Client);

        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => client.RememberAsync(userId, new NewMemory(text)));

        Assert.Equal(field, error.Field);
        Assert.Null(await _memory.RawSnapshotAsync(userId));
    }

    [Fact]
    public async Task Text_WithEmojiSurrogatePair_IsStoredExactly()
    {
        var user = _memory.User(TestUsers.New());

        var id = (await user.RememberAsync([new NewMemory("Loves 🍣 and 🏔️")])).Outcomes[0].MemoryId;

        Assert.Equal("Loves 🍣 and 🏔️", (await user.GetAsync(id))!.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/inside")]
    public async Task UserId_Malformed_IsRejectedAndNothingIsStored(string userId)
    {
        var client = new Memory.Client.MemoryClient(_memory.Client);

        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => client.RememberAsync(userId, new NewMemory("hello")));

        Assert.Equal("userId", error.Field);
        Assert.Null(await _memory.RawSnapshotAsync(userId));
    }

    [Fact]
    public async Task UserId_Malformed_IsRejectedByTheGrainToo()
    {
        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => _memory.User("has space").GetStatsAsync());

        Assert.Equal("userId", error.Field);
    }

    [Fact]
    public async Task UserId_OfMaximumLength_IsAccepted()
    {
        var userId = new string('u', 128);

        var result = await _memory.User(userId).RememberAsync([new NewMemory("hello")]);

        Assert.Equal(RememberStatus.Stored, result.Outcomes[0].Status);
        await _memory.User(userId).EraseAsync();
    }

    private static async Task<string> StateAsync(IUserMemoryGrain user)
    {
        var export = await user.ExportAsync();
        return JsonSerializer.Serialize(new { export.Memories, export.Preferences, Stats = await user.GetStatsAsync() });
    }

    private Task Invalid(string @case, IUserMemoryGrain user, string userId)
    {
        NewMemory Text(string text) => new(text);
        Task Remember(params NewMemory[] memories) => user.RememberAsync(memories);
        var valid = new NewMemory("valid memory");
        return @case switch
        {
            "empty batch" => Remember(),
            "batch of 101" => Remember(Enumerable.Range(0, 101).Select(i => Text($"m{i}")).ToArray()),
            "blank text" => Remember(Text("   ")),
            "text over 8192 bytes" => Remember(Text(TooLong)),
            "multi-byte text over 8192 bytes" => Remember(Text(new string('é', 4097))),
            "control character" => Remember(Text("bell\u0007 inside")),
            "second item invalid" => Remember(valid, Text("")),
            "category with capitals" => Remember(valid with { Category = "Travel Plans" }),
            "17 tags" => Remember(valid with { Tags = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v") }),
            "tag key with space" => Remember(valid with { Tags = new Dictionary<string, string> { ["bad key"] = "v" } }),
            "tag value too long" => Remember(valid with { Tags = new Dictionary<string, string> { ["k"] = new string('v', 257) } }),
            "source with slash" => Remember(valid with { Source = "agent/one" }),
            "embedding of 3 dimensions" => Remember(valid with { Embedding = [1f, 2f, 3f] }),
            "embedding with NaN" => Remember(valid with { Embedding = Enumerable.Repeat(float.NaN, 384).ToArray() }),
            "expiry in the past" => Remember(valid with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) }),
            "conversation role" => user.AddConversationAsync(new Conversation("s1", [new ConversationMessage("bot", "hi")])),
            "conversation of 501 messages" => user.AddConversationAsync(new Conversation("s1", Enumerable.Range(0, 501).Select(i => new ConversationMessage("user", $"m{i}")).ToList())),
            "conversation without session" => user.AddConversationAsync(new Conversation(null!, [new ConversationMessage("user", "hi")])),
            "search top 0" => user.SearchAsync(new SearchQuery("trains", Top: 0)),
            "search top 101" => user.SearchAsync(new SearchQuery("trains", Top: 101)),
            "search query over 1024 bytes" => user.SearchAsync(new SearchQuery(new string('q', 1025))),
            "search time range reversed" => user.SearchAsync(new SearchQuery("trains", From: DateTimeOffset.UtcNow, To: DateTimeOffset.UtcNow.AddDays(-1))),
            "list limit 501" => user.ListAsync(new ListQuery(Limit: 501)),
            "list offset -1" => user.ListAsync(new ListQuery(Offset: -1)),
            "forget nothing" => user.ForgetAsync([]),
            "forget 1001 ids" => user.ForgetAsync(Enumerable.Range(0, 1001).Select(i => $"m_{i}").ToList()),
            "forget malformed id" => user.ForgetAsync(["not an id"]),
            "update with control character" => UpdateFirstAsync(user, new MemoryUpdate(Text: "tab\tok but null\0 not")),
            "preference value over 1024 bytes" => user.SetPreferencesAsync(new Dictionary<string, string> { ["seat"] = new string('a', 1025) }),
            "preference key with space" => user.SetPreferencesAsync(new Dictionary<string, string> { ["bad key"] = "x" }),
            "context per category 0" => user.GetContextAsync(new ContextQuery(PerCategory: 0)),
            "import of another user" => user.ImportAsync(new UserExport { UserId = "someone-else", Memories = [new MemoryRecord { Id = "m_1", Text = "x" }] }),
            "import of unknown format" => user.ImportAsync(new UserExport { UserId = userId, Format = 99 }),
            "import with an unknown role" => user.ImportAsync(Document(userId, Imported() with { Role = "admin" })),
            "import of version 2147483647" => user.ImportAsync(Document(userId, Imported() with { Version = int.MaxValue })),
            "import with 11 earlier versions" => user.ImportAsync(Document(userId, Imported() with
            {
                Version = 12,
                PreviousVersions = Enumerable.Range(1, 11).Select(v => Earlier(v, $"version {v}")).ToList(),
            })),
            "import with an earlier version over 8192 bytes" => user.ImportAsync(Document(userId, Imported() with { PreviousVersions = [Earlier(1, TooLong)] })),
            "import with a control character in an earlier version" => user.ImportAsync(Document(userId, Imported() with { PreviousVersions = [Earlier(1, "bell\u0007")] })),
            "import with an earlier version not below the memory's" => user.ImportAsync(Document(userId, Imported() with { PreviousVersions = [Earlier(2, "same")] })),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, "no such case"),
        };
    }

    private static async Task UpdateFirstAsync(IUserMemoryGrain user, MemoryUpdate update)
    {
        var first = (await user.ListAsync(new ListQuery())).Items[0];
        await user.UpdateAsync(first.Id, update);
    }

    [Fact]
    public async Task Import_EarlierVersionWithACardNumber_IsRejectedByThePolicyNamingTheFieldAndChangesNothing()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Prefers trains over planes")]);
        var stateBefore = await StateAsync(user);

        var error = await Assert.ThrowsAsync<MemoryRejectedException>(() =>
            user.ImportAsync(Document(userId, Imported() with { PreviousVersions = [Earlier(1, "Card 4111 1111 1111 1111")] })));

        Assert.Equal("document.memories[0].previousVersions[0].text", error.Field);
        Assert.DoesNotContain("4111", error.Message);
        Assert.Equal(stateBefore, await StateAsync(user));
    }

    private static UserExport Document(string userId, MemoryRecord memory) => new() { UserId = userId, Memories = [memory] };

    private static MemoryRecord Imported() => new() { Id = "m_imported", Text = "Window seat on night trains", Version = 2 };

    private static MemoryVersion Earlier(int version, string text) => new(version, text, null, new Dictionary<string, string>(), DateTimeOffset.UtcNow.AddDays(-1));
}
