using TripSage.Memory.Client;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>Who may reach whose memory, through the client library, on every operation.</summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class AuthenticationTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    /// <summary>Every operation a user's own token may call, straight from the operation catalogue: a new one joins this matrix by itself.</summary>
    public static TheoryData<string> Operations() => new(MemoryOperations.All.Where(o => !o.AdminOnly).Select(o => o.Name));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task AlicesToken_OnBobsMemory_IsDeniedAndAuditedAndChangesNothing(string operation)
    {
        var alice = TestUsers.New("alice");
        var bob = TestUsers.New("bob");
        var client = new MemoryClient(_memory.Client);
        var bobsMemory = await client.RememberAsync(bob, new NewMemory("Bob's passport is in the safe"));
        var before = await client.ExportAsync(bob);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(TestTokens.For(alice), () => Call(client, bob, bobsMemory.MemoryId, operation)));

        Assert.Contains("another user", error.Message);
        var after = await client.ExportAsync(bob);
        Assert.Equal(before.Memories.Select(m => (m.Id, m.Text, m.Version)), after.Memories.Select(m => (m.Id, m.Text, m.Version)));
        var denied = Assert.Single(await client.ReadAuditAsync(bob), e => e.Outcome == "denied");
        Assert.Equal(alice, denied.Actor);
        Assert.Equal(operation, denied.Operation);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task OwnToken_OnOwnMemory_IsAllowed(string operation)
    {
        var alice = TestUsers.New("alice");
        var client = new MemoryClient(_memory.Client);
        var memory = await client.RememberAsync(alice, new NewMemory("Window seat please"));

        await TestTokens.As(TestTokens.For(alice), () => Call(client, alice, memory.MemoryId, operation));

        Assert.Contains(await client.ReadAuditAsync(alice), e => e.Operation == operation && e.Outcome == "ok" && e.Actor == alice);
    }

    [Theory]
    [InlineData("absent", "no bearer token was sent")]
    [InlineData("expired", "the token has expired")]
    [InlineData("wrongly signed", "the token's signature does not verify")]
    [InlineData("wrong audience", "the token is for the wrong audience")]
    [InlineData("wrong issuer", "the token is from the wrong issuer")]
    [InlineData("not a JWT", "the token is not valid")]
    public async Task BadToken_IsDeniedWithTheReason_AndWritesNothingForTheUser(string kind, string reason)
    {
        var alice = TestUsers.New("alice");
        var token = kind switch
        {
            "absent" => string.Empty,
            "expired" => TestTokens.For(alice, expires: DateTime.UtcNow.AddHours(-1)),
            "wrongly signed" => TestTokens.For(alice, signingKey: Memory.Grains.Storage.KeyRing.NewKey()),
            "wrong audience" => TestTokens.For(alice, audience: "someone-else"),
            "wrong issuer" => TestTokens.For(alice, issuer: "evil-issuer"),
            _ => "definitely.not.a-jwt",
        };
        var client = new MemoryClient(_memory.Client);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(token, () => client.RememberAsync(alice, new NewMemory("hello"))));

        // The typed exception over the gateway, saying exactly what is wrong: no vaguer word, no server stack or path.
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"Access denied: {reason}", error.Message);
        Assert.Null(error.InnerException);

        // An unauthenticated call is counted by the silo (DenialCostTests), never in the user's trail.
        Assert.DoesNotContain(await client.ReadAuditAsync(alice), e => e.Actor == "anonymous" || e.Operation == "remember");
        Assert.Equal(0, (await client.GetStatsAsync(alice)).MemoryCount);
    }

    [Fact]
    public async Task AdminToken_ReachesAnyUser()
    {
        var bob = TestUsers.New("bob");
        var client = new MemoryClient(_memory.Client);

        var stored = await TestTokens.As(TestTokens.For("support-desk", admin: true), () => client.RememberAsync(bob, new NewMemory("Prefers email")));

        Assert.Equal(RememberStatus.Stored, stored.Status);
        Assert.Equal("support-desk", (await client.ReadAuditAsync(bob))[0].Actor);
    }

    [Fact]
    public async Task KeyRotation_WithAUsersToken_IsDenied()
    {
        var client = new MemoryClient(_memory.Client);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(TestTokens.For("alice"), () => client.RewrapDataKeysAsync()));

        Assert.Contains("tripsage.admin", error.Message);
    }

    private static async Task<object?> Call(IMemoryClient client, string userId, string memoryId, string operation)
    {
        switch (operation)
        {
            case "remember": return await client.RememberAsync(userId, new NewMemory("injected"));
            case "add_conversation": return await client.AddConversationAsync(userId, new Conversation("s", [new ConversationMessage("user", "hi")]));
            case "search": return await client.SearchAsync(userId, new SearchQuery("passport"));
            case "get": return await client.GetAsync(userId, memoryId);
            case "list": return await client.ListAsync(userId);
            case "update": return await client.UpdateAsync(userId, memoryId, new MemoryUpdate(Text: "changed"));
            case "forget": return await client.ForgetAsync(userId, [memoryId]);
            case "set_preferences": return await client.SetPreferencesAsync(userId, new Dictionary<string, string> { ["seat"] = "aisle" });
            case "get_preferences": return await client.GetPreferencesAsync(userId);
            case "context": return await client.GetContextAsync(userId);
            case "export": return await client.ExportAsync(userId);
            case "import": return await client.ImportAsync(userId, new UserExport { UserId = userId, Memories = [new MemoryRecord { Id = "m_imported", Text = "imported" }] });
            case "erase": return await client.EraseAsync(userId);
            case "stats": return await client.GetStatsAsync(userId);
            case "read_audit": return await client.ReadAuditAsync(userId);
            case "verify_audit": return await client.VerifyAuditAsync(userId);
            case "reembed": return await client.ReembedAsync(userId, 1);
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, "no such operation");
        }
    }
}
