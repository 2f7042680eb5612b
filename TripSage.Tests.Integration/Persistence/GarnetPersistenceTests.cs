using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The persistence tests on the embedded Garnet store, the default of every developer's silo.</summary>
public sealed class GarnetPersistenceTests : PersistenceTestsBase
{
    protected override bool StoreAvailable() => true;

    protected override Task<TestStore> StartStoreAsync() => Task.FromResult<TestStore>(GarnetTestStore.Start());
}
