using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Benchmarks.Micro;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Benchmarks.Density;

/// <summary>
/// The in-process measurements of <c>density</c>. Bytes are managed-heap differences
/// (<c>GC.GetTotalMemory(true)</c>) across holding every user's deserialized state, then also its
/// search index; the state is made the way an activation makes it (serialized, then deserialized),
/// so its strings are as the silo holds them. The grain's other per-user structures (ordered views,
/// duplicate map, activation, buckets) are not reachable outside a grain: they are the rest of the
/// load benchmark's per-user figure.
/// </summary>
internal static class DensityProbe
{
    // Same texts as the load benchmark's.
    private const int Seed = 20_261_126;
    private const string GrainId = "usermemory/density-activation";
    private const int AesKeyBytes = 32;

    // The default model's (MiniLM) and TripSage:Memory:EmbeddingDimensions' default.
    private const int EmbeddingDimensions = 384;

    public static void Run(DensityOptions options, TextWriter output)
    {
        var serializer = OrleansSerializer.ForState();
        output.WriteLine($"| memories per user | embeddings | users | state bytes/user | of which text strings | search index bytes/user | state + index bytes/user |");
        output.WriteLine("|--:|---|--:|--:|--:|--:|--:|");
        foreach (var size in options.Sizes)
        {
            MeasureBytes(serializer, options.Users, size, withEmbeddings: false, output);
            MeasureBytes(serializer, options.Users, size, withEmbeddings: true, output);
        }

        output.WriteLine();
        MeasurePhases(serializer, options, output);
    }

    /// <param name="withEmbeddings">
    /// Whether each memory holds an embedding as the default model's would be held (<see cref="EmbeddingDimensions"/>
    /// dimensions, quantized as the grid keeps them); the vectors are random, only their size matters here.
    /// </param>
    private static void MeasureBytes(Serializer<UserMemoryState> serializer, int users, int size, bool withEmbeddings, TextWriter output)
    {
        var samples = new SampleMemories(Seed);
        var vectors = new Random(Seed);
        var snapshots = Enumerable.Range(0, users).Select(i =>
        {
            var state = State(samples, $"density-{i}", size);
            if (withEmbeddings)
            {
                foreach (var (id, memory) in state.Memories.ToArray())
                {
                    state.Memories[id] = memory with { QuantizedEmbedding = EmbeddingQuantizer.Quantize(RandomVector(vectors)) };
                }
            }

            return serializer.SerializeToArray(state);
        }).ToArray();
        var searchOptions = new SearchOptions();

        var empty = Heap();
        var states = snapshots.Select(bytes => serializer.Deserialize(bytes)!).ToArray();
        var withStates = Heap();
        var indexes = states.Select(state => Index(searchOptions, state)).ToArray();
        var withIndexes = Heap();

        var textBytes = states.Sum(state => state.Memories.Values.Sum(m => StringBytes(m.Text)));
        GC.KeepAlive(states);
        GC.KeepAlive(indexes);
        output.WriteLine(
            $"| {size:N0} | {(withEmbeddings ? $"{EmbeddingDimensions}-dim, quantized" : "none")} | {users:N0} | {(withStates - empty) / (double)users:N0} | {textBytes / (double)users:N0} | {(withIndexes - withStates) / (double)users:N0} | {(withIndexes - empty) / (double)users:N0} |");
    }

    private static void MeasurePhases(Serializer<UserMemoryState> serializer, DensityOptions options, TextWriter output)
    {
        var plaintext = serializer.SerializeToArray(State(new SampleMemories(Seed), "density-activation", options.ActivationMemories));
        var cipher = new SnapshotCipher(Options.Create(new SnapshotEncryptionOptions()));
        var key = new DataKey("density", RandomNumberGenerator.GetBytes(AesKeyBytes));
        var envelope = cipher.Seal(plaintext, GrainId, key);
        var searchOptions = new SearchOptions();

        var phases = new[] { "open (decrypt + decompress)", "deserialize", "index", "total" };
        var times = phases.Select(_ => new List<double>()).ToArray();
        for (var repeat = 0; repeat <= options.Repeats; repeat++)
        {
            var open = Time(() => cipher.Open(envelope, GrainId, key));
            UserMemoryState? state = null;
            var deserialize = Time(() => state = serializer.Deserialize(plaintext));
            var index = Time(() => Index(searchOptions, state!));
            double[] row = [open, deserialize, index, open + deserialize + index];
            for (var phase = 0; phase < phases.Length; phase++)
            {
                times[phase].Add(row[phase]);
            }
        }

        output.WriteLine($"activation phases of a {options.ActivationMemories:N0}-memory user ({plaintext.Length:N0} bytes serialized, {envelope.Length:N0} sealed), in-process, no store read:");
        output.WriteLine();
        output.WriteLine($"| phase | first run ms | median of {options.Repeats} ms |");
        output.WriteLine("|---|--:|--:|");
        for (var phase = 0; phase < phases.Length; phase++)
        {
            output.WriteLine($"| {phases[phase]} | {times[phase][0]:F2} | {Median(times[phase].Skip(1)):F2} |");
        }
    }

    private static UserMemoryState State(SampleMemories samples, string userId, int size)
    {
        var now = DateTimeOffset.UtcNow;
        var state = new UserMemoryState();
        foreach (var memory in samples.Many(userId, size))
        {
            var record = SampleRecords.From(memory, now);
            state.Memories[record.Id] = record;
        }

        return state;
    }

    private static UserSearchIndex Index(SearchOptions options, UserMemoryState state)
    {
        var index = new UserSearchIndex(options);
        foreach (var memory in state.Memories.Values)
        {
            index.Add(memory);
        }

        return index;
    }

    private static float[] RandomVector(Random random)
    {
        var vector = new float[EmbeddingDimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    // A string's heap size on 64-bit .NET: object header and method table, length, characters and the
    // terminator, rounded up to 8 bytes.
    private static long StringBytes(string text) => ((20L + (2L * text.Length) + 2L) + 7L) & ~7L;

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
