using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>The audit fence tests on the embedded Garnet (its <c>WATCH</c>/<c>MULTI</c>/<c>EXEC</c>).</summary>
public sealed class GarnetAuditFenceTests : AuditFenceTestsBase
{
    protected override Task<TestStore> StartStoreAsync() => Task.FromResult<TestStore>(GarnetTestStore.Start());
}
