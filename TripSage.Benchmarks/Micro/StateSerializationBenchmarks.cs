using BenchmarkDotNet.Attributes;
using Orleans.Serialization;
using TripSage.Memory.Grains;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>The Orleans serializer on a user's whole state, the step before sealing and after opening a snapshot.</summary>
[MemoryDiagnoser]
public class StateSerializationBenchmarks
{
    private readonly Serializer<UserMemoryState> _serializer = OrleansSerializer.ForState();
    private UserMemoryState _state = new();
    private byte[] _bytes = [];

    [Params(20, 1_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = MicroState.Create(Memories);
        _bytes = _serializer.SerializeToArray(_state);
    }

    [Benchmark]
    public byte[] Serialize() => _serializer.SerializeToArray(_state);

    [Benchmark]
    public UserMemoryState? Deserialize() => _serializer.Deserialize(_bytes);
}
