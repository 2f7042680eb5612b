using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>The audit durability tests on the embedded Garnet.</summary>
public sealed class GarnetAuditDurabilityTests : AuditDurabilityTestsBase
{
    protected override Task<TestStore> StartStoreAsync() => Task.FromResult<TestStore>(GarnetTestStore.Start());
}
