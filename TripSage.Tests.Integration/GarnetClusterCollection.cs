using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration;

/// <summary>The tests sharing one <see cref="GarnetClusterFixture"/>; xunit needs the definition in the test assembly.</summary>
[CollectionDefinition(Name)]
public sealed class GarnetClusterCollection : ICollectionFixture<GarnetClusterFixture>
{
    public const string Name = "garnet cluster";
}
