using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>The grid as an agent backend calls it: the real client over the gateway port.</summary>
internal sealed class GridTarget(IMemoryClient client, int maxBatchSize) : ILoadTarget
{
    // The prompt builder's default; the baseline takes the same number per category.
    private static readonly ContextQuery Context = new();

    public string Name => "grid";

    public async Task<int> SearchAsync(string userId, string text) =>
        (await client.SearchAsync(userId, new SearchQuery(text, Mode: SearchMode.Keyword))).Count;

    public async Task<int> ContextAsync(string userId) =>
        (await client.GetContextAsync(userId, Context)).Sections.Sum(section => section.Memories.Count);

    public async Task<bool> GetAsync(string userId, string memoryId) =>
        await client.GetAsync(userId, memoryId) is not null;

    public async Task<string> RememberAsync(string userId, NewMemory memory) =>
        Stored(await client.RememberAsync(userId, memory));

    public async Task<IReadOnlyList<string>> SeedAsync(string userId, IReadOnlyList<NewMemory> memories)
    {
        var ids = new List<string>(memories.Count);
        foreach (var chunk in memories.Chunk(maxBatchSize))
        {
            var result = await client.RememberManyAsync(userId, chunk);
            ids.AddRange(result.Outcomes.Select(Stored));
        }

        return ids;
    }

    private static string Stored(RememberOutcome outcome) => outcome.Status == RememberStatus.Stored
        ? outcome.MemoryId
        : throw new InvalidOperationException($"The grid did not store a benchmark memory ({outcome.Status}); the generated texts must be unique.");
}
