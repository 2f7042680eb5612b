using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>Sealing and opening one user's serialized snapshot (Brotli, then AES-256-GCM), as the storage does on every write and activation.</summary>
[MemoryDiagnoser]
public class SnapshotCipherBenchmarks
{
    private const string GrainId = "usermemory/micro-user";
    private const int AesKeyBytes = 32;

    private readonly SnapshotCipher _cipher = new(Options.Create(new SnapshotEncryptionOptions()));
    private readonly DataKey _key = new("micro", RandomNumberGenerator.GetBytes(AesKeyBytes));
    private byte[] _plaintext = [];
    private byte[] _envelope = [];

    [Params(20, 1_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = OrleansSerializer.ForState().SerializeToArray(MicroState.Create(Memories));
        _envelope = _cipher.Seal(_plaintext, GrainId, _key);
    }

    [Benchmark]
    public byte[] Seal() => _cipher.Seal(_plaintext, GrainId, _key);

    [Benchmark]
    public byte[] Open() => _cipher.Open(_envelope, GrainId, _key);
}
