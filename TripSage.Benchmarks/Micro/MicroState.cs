using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Grains;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>A user's state of a given size, from the load benchmark's texts, for the micro-benchmarks.</summary>
internal static class MicroState
{
    // Same texts on every run.
    private const int Seed = 42;
    private const string UserId = "micro-user";

    public static UserMemoryState Create(int memories)
    {
        var samples = new SampleMemories(Seed);
        var now = DateTimeOffset.UtcNow;
        var state = new UserMemoryState();
        foreach (var memory in samples.Many(UserId, memories))
        {
            var record = SampleRecords.From(memory, now);
            state.Memories[record.Id] = record;
        }

        return state;
    }
}
