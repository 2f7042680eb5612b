using System.Diagnostics;
using System.IO.Compression;
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

    public static void Run(DensityOptions options, TextWriter output)
    {
        var serializer = OrleansSerializer.ForState();
        output.WriteLine($"| memories per user | users | state bytes/user | of which text strings | search index bytes/user | state + index bytes/user |");
        output.WriteLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var size in options.Sizes)
        {
            MeasureBytes(serializer, options.Users, size, output);
        }

        output.WriteLine();
        MeasurePhases(serializer, options, output);
    }

    private static void MeasureBytes(Serializer<UserMemoryState> serializer, int users, int size, TextWriter output)
    {
        var samples = new SampleMemories(Seed);
        var snapshots = Enumerable.Range(0, users).Select(i => serializer.SerializeToArray(State(samples, $"density-{i}", size))).ToArray();
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
            $"| {size:N0} | {users:N0} | {(withStates - empty) / (double)users:N0} | {textBytes / (double)users:N0} | {(withIndexes - withStates) / (double)users:N0} | {(withIndexes - empty) / (double)users:N0} |");
    }

    private static void MeasurePhases(Serializer<UserMemoryState> serializer, DensityOptions options, TextWriter output)
    {
        var plaintext = serializer.SerializeToArray(State(new SampleMemories(Seed), "density-activation", options.ActivationMemories));
        var cipher = new SnapshotCipher(Options.Create(new SnapshotEncryptionOptions()));
        var key = new DataKey("density", RandomNumberGenerator.GetBytes(AesKeyBytes));
        var envelope = cipher.Seal(plaintext, GrainId, key);
        var compressed = Compress(plaintext);
        var searchOptions = new SearchOptions();

        var phases = new[] { "open (decrypt + decompress)", "  of which decompress", "deserialize", "index", "total" };
        var times = phases.Select(_ => new List<double>()).ToArray();
        for (var repeat = 0; repeat <= options.Repeats; repeat++)
        {
            var open = Time(() => cipher.Open(envelope, GrainId, key));
            var decompress = Time(() => Decompress(compressed));
            UserMemoryState? state = null;
            var deserialize = Time(() => state = serializer.Deserialize(plaintext));
            var index = Time(() => Index(searchOptions, state!));
            double[] row = [open, decompress, deserialize, index, open + deserialize + index];
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

    // As the snapshot cipher compresses, so decompression can be timed apart from decryption.
    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new MemoryStream(data);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
