using BenchmarkDotNet.Attributes;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>
/// Keyword search on the index the grain keeps (<see cref="Search"/>), against rebuilding that index
/// first, as the stateless baseline must on every call (<see cref="RebuildAndSearch"/>).
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private const int QuerySeed = 7;

    private readonly SearchOptions _options = new();
    private Dictionary<string, MemoryRecord> _memories = [];
    private UserSearchIndex _index = null!;
    private SearchQuery _query = null!;
    private DateTimeOffset _now;

    [Params(20, 1_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _memories = MicroState.Create(Memories).Memories;
        _index = Build();
        _query = new SearchQuery(SampleMemories.Query(new Random(QuerySeed)), Mode: SearchMode.Keyword);
        _now = DateTimeOffset.UtcNow;
    }

    [Benchmark(Baseline = true)]
    public int Search() => _index.Search(_query, vector: null, _memories, _ => true, _now).Count;

    [Benchmark]
    public int RebuildAndSearch() => Build().Search(_query, vector: null, _memories, _ => true, _now).Count;

    private UserSearchIndex Build()
    {
        var index = new UserSearchIndex(_options);
        foreach (var memory in _memories.Values)
        {
            index.Add(memory);
        }

        return index;
    }
}
