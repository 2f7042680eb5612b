using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>
/// What one remember costs the silo's CPU before it reaches the store: the whole snapshot serialized and
/// sealed (every write before the journal; now one write in K, the fold) against one journal record
/// (the write's changes) serialized and sealed; and replaying one record at activation (open,
/// deserialize, apply). Sealed as the journal seals (<see cref="SnapshotCipher"/>); the journal's own
/// framing is internal to the grains and not included.
/// </summary>
[MemoryDiagnoser]
public class JournalRecordBenchmarks
{
    private const string GrainId = "usermemory/micro-user";
    private const int AesKeyBytes = 32;

    private readonly SnapshotCipher _cipher = new(Options.Create(new SnapshotEncryptionOptions()));
    private readonly DataKey _key = new("micro", RandomNumberGenerator.GetBytes(AesKeyBytes));
    private readonly Orleans.Serialization.Serializer<UserMemoryState> _states = OrleansSerializer.ForState();
    private readonly Orleans.Serialization.Serializer<MemoryChanges> _changes = OrleansSerializer.ForChanges();
    private UserMemoryState _state = new();
    private MemoryChanges _remember = new();
    private byte[] _record = [];

    [Params(20, 1_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = MicroState.Create(Memories);
        var added = SampleRecords.From(new SampleMemories(7).Many("micro-user", 1)[0], DateTimeOffset.UtcNow);
        _remember = new MemoryChanges { Upserted = [added], Counters = _state.Counters };
        _record = _cipher.Seal(_changes.SerializeToArray(_remember), GrainId, _key);
    }

    [Benchmark(Baseline = true)]
    public byte[] SnapshotWrite() => _cipher.Seal(_states.SerializeToArray(_state), GrainId, _key);

    [Benchmark]
    public byte[] JournalAppend() => _cipher.Seal(_changes.SerializeToArray(_remember), GrainId, _key);

    [Benchmark]
    public int JournalReplay()
    {
        var changes = _changes.Deserialize(_cipher.Open(_record, GrainId, _key))!;
        changes.ApplyTo(_state);
        return _state.Memories.Count;
    }
}
