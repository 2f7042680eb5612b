using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TripSage.Memory.Grains;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>The Orleans serializer with the grid's generated codecs, as the silo's storage uses it.</summary>
internal static class OrleansSerializer
{
    public static Serializer<UserMemoryState> ForState() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(UserMemoryState).Assembly).AddAssembly(typeof(MemoryRecord).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<UserMemoryState>>();
}
