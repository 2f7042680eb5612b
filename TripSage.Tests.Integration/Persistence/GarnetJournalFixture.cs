using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The journal tests' cluster on the embedded Garnet store.</summary>
public sealed class GarnetJournalFixture : JournalFixture
{
    protected override bool StoreAvailable() => true;

    protected override Task<TestStore> StartStoreAsync() => Task.FromResult<TestStore>(GarnetTestStore.Start());
}
