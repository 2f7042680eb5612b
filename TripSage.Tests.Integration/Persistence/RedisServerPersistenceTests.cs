using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The persistence tests on a real redis-server (the real-Redis leg of .ci/run).</summary>
public sealed class RedisServerPersistenceTests : PersistenceTestsBase
{
    protected override bool StoreAvailable() => RedisServerTestStore.Executable is not null;

    protected override async Task<TestStore> StartStoreAsync() => await RedisServerTestStore.StartNewAsync();

    protected override void RequireStore() => RedisServerTestStore.SkipUnlessAvailable();
}
