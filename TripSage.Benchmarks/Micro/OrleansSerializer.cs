using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TripSage.Memory.Grains;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>The Orleans serializer with the grid's generated codecs, as the silo's storage uses it.</summary>
internal static class OrleansSerializer
{
    public static Serializer<UserMemoryState> ForState() => For<UserMemoryState>();

    /// <summary>For a journal record's content.</summary>
    public static Serializer<MemoryChanges> ForChanges() => For<MemoryChanges>();

    private static Serializer<T> For<T>() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(UserMemoryState).Assembly).AddAssembly(typeof(MemoryRecord).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<T>>();
}
