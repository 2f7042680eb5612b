using Orleans.Core.Internal;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// What a client connected to the gateway can reach without a token: nothing but a refusal. Each call
/// here is one an attacker made against a running silo (issue 11, finding 1).
/// </summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class GatewayAdmissionTests(GarnetClusterFixture fixture)
{
    private const string NoToken = "";

    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task GetActiveGrains_FromAClientWithoutToken_IsRefused()
    {
        var alice = await UserWithTrailAsync();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(NoToken, async () =>
            await _memory.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(MemoryCluster.UserGrainType))));

        Assert.Contains("only memory operations", error.Message);
        Assert.Contains(alice.Id, await _memory.ActiveUsersAsync());
    }

    [Fact]
    public async Task GetActiveGrains_FromAClientEvenWithAnAdminToken_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(TestTokens.Admin, async () =>
            await _memory.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(MemoryCluster.UserGrainType))));
    }

    [Fact]
    public async Task ForceActivationCollection_FromAClientWithoutToken_IsRefusedAndCollectsNothing()
    {
        var alice = await UserWithTrailAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(NoToken, async () =>
        {
            await _memory.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            return 0;
        }));

        Assert.Contains(alice.Id, await _memory.ActiveUsersAsync());
        await AssertTrailUnchangedAsync(alice);
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("migrate")]
    public async Task GrainManagementExtension_FromAClientWithoutToken_IsRefusedAndLeavesTheGrainAndTrail(string call)
    {
        var alice = await UserWithTrailAsync();
        var extension = _memory.User(alice.Id).AsReference<IGrainManagementExtension>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(NoToken, async () =>
        {
            await (call == "deactivate" ? extension.DeactivateOnIdle() : extension.MigrateOnIdle());
            return 0;
        }));

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Contains(alice.Id, await _memory.ActiveUsersAsync());
        await AssertTrailUnchangedAsync(alice);
    }

    [Fact]
    public async Task ReceiveReminder_FromAClientWithoutToken_IsRefusedAndForgesNoExpiryEvent()
    {
        var alice = await UserWithTrailAsync();
        var reminder = _memory.User(alice.Id).AsReference<IRemindable>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(NoToken, async () =>
        {
            await reminder.ReceiveReminder("expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));
            return 0;
        }));

        await AssertTrailUnchangedAsync(alice);
    }

    [Fact]
    public async Task ReceiveReminder_FromAClientWithAnAdminToken_IsRefused()
    {
        var alice = await UserWithTrailAsync();
        var reminder = _memory.User(alice.Id).AsReference<IRemindable>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As(TestTokens.Admin, async () =>
        {
            await reminder.ReceiveReminder("expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));
            return 0;
        }));

        await AssertTrailUnchangedAsync(alice);
    }

    /// <summary>A user with one memory, and the events of her trail other than audit reads.</summary>
    private async Task<(string Id, IReadOnlyList<AuditEvent> Events)> UserWithTrailAsync()
    {
        var userId = TestUsers.New("alice");
        await _memory.User(userId).RememberAsync([new NewMemory("Window seat on night trains")]);
        return (userId, await EventsAsync(userId));
    }

    private async Task AssertTrailUnchangedAsync((string Id, IReadOnlyList<AuditEvent> Events) user)
    {
        var after = await EventsAsync(user.Id);
        Assert.Equal(user.Events.Select(e => (e.Sequence, e.Operation, e.Actor, e.Outcome)), after.Select(e => (e.Sequence, e.Operation, e.Actor, e.Outcome)));
    }

    /// <summary>The trail without the audit reads that looking at it adds.</summary>
    private async Task<IReadOnlyList<AuditEvent>> EventsAsync(string userId) =>
        (await _memory.User(userId).ReadAuditAsync(1, 500)).Where(e => e.Operation != "read_audit").ToList();
}
