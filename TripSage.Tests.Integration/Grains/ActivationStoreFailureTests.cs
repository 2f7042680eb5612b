using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

/// <summary>
/// A user's activation reads the store beyond its snapshot (the audit head, the rate limits); when the store
/// goes away between those reads, every call waiting for the activation must get the one typed, short error.
/// </summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class ActivationStoreFailureTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Call_StoreGoneWhileTheUserActivates_FailsWithStoreUnavailable_AndServesOnceItIsBack()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        FaultInjectingAuditLog.FailHeadReadsFor(userId);
        StoreUnavailableException error;
        try
        {
            error = await Assert.ThrowsAsync<StoreUnavailableException>(() => user.GetStatsAsync());
        }
        finally
        {
            FaultInjectingAuditLog.Heal(userId);
        }

        Assert.DoesNotContain(" at ", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Equal(0, (await user.GetStatsAsync()).MemoryCount);
    }
}
