using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The journal tests' cluster on a real redis-server (skipped where it is not installed).</summary>
public sealed class RedisServerJournalFixture : JournalFixture
{
    protected override bool StoreAvailable() => RedisServerTestStore.Executable is not null;

    protected override async Task<TestStore> StartStoreAsync() => await RedisServerTestStore.StartNewAsync();
}
