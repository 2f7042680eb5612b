using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>The audit fence tests on a real redis-server (the real-Redis leg of .ci/run).</summary>
public sealed class RedisServerAuditFenceTests : AuditFenceTestsBase
{
    protected override async Task<TestStore> StartStoreAsync() => await RedisServerTestStore.StartNewAsync();

    protected override void RequireStore() => RedisServerTestStore.SkipUnlessAvailable();
}
