using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The journal tests on a real redis-server (the real-Redis leg of .ci/run).</summary>
public sealed class RedisServerJournalTests(RedisServerJournalFixture fixture) : JournalTestsBase(fixture), IClassFixture<RedisServerJournalFixture>
{
    protected override void RequireStore() => RedisServerTestStore.SkipUnlessAvailable();
}
