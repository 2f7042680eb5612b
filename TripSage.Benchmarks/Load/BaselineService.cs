using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The architecture the grid replaces: a stateless service that, on every call, GETs the user's blob
/// from the store, opens it with the grid's own <see cref="SnapshotCipher"/> (AES-256-GCM, Brotli as the
/// grid's default), deserializes the JSON, and runs the operation; a write then serializes, seals and
/// SETs the whole blob back. Search rebuilds the grid's <see cref="UserSearchIndex"/> per call and ranks
/// by keywords (BM25), as the grid's keyword mode does. There is no concurrency control: a write is a
/// plain read-modify-write, so concurrent writes to one user lose each other's changes (counted by the
/// hot-user scenario), which is why such a service needs the grid's single writer in the first place.
/// </summary>
internal sealed class BaselineService(IDatabase store, SnapshotCipher cipher, DataKey dataKey, SearchOptions searchOptions, TimeProvider time) : ILoadTarget
{
    private const string KeyPrefix = "tripsage-baseline:";

    // AES-256, the key size of the grid's data keys.
    private const int AesKeyBytes = 32;

    // The grid's context default (ContextQuery.PerCategory), so both sides return as many memories.
    private static readonly int PerCategory = new ContextQuery().PerCategory;
    private const string UncategorizedSection = "general";

    public string Name => "baseline";

    /// <summary>A baseline with a fresh random AES-256 key, on <paramref name="store"/>.</summary>
    public static BaselineService Create(IDatabase store)
    {
        var cipher = new SnapshotCipher(Options.Create(new SnapshotEncryptionOptions()));
        var key = new DataKey("baseline", RandomNumberGenerator.GetBytes(AesKeyBytes));
        return new BaselineService(store, cipher, key, new SearchOptions(), TimeProvider.System);
    }

    public async Task<int> SearchAsync(string userId, string text)
    {
        var blob = await LoadAsync(userId);
        var index = new UserSearchIndex(searchOptions);
        var byId = new Dictionary<string, MemoryRecord>(blob.Memories.Count, StringComparer.Ordinal);
        foreach (var memory in blob.Memories)
        {
            index.Add(memory);
            byId[memory.Id] = memory;
        }

        var now = time.GetUtcNow();
        return index.Search(new SearchQuery(text, Mode: SearchMode.Keyword), vector: null, byId, memory => Servable(memory, now), now).Count;
    }

    public async Task<int> ContextAsync(string userId)
    {
        var blob = await LoadAsync(userId);
        var now = time.GetUtcNow();

        // The same shape the grid returns (newest memories per category, then a prompt text), rendered
        // plainly: the grid's prompt renderer is internal to it.
        var sections = blob.Memories
            .Where(memory => Servable(memory, now))
            .GroupBy(memory => memory.Category ?? UncategorizedSection, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ContextSection(group.Key, group.OrderByDescending(memory => memory.CreatedAt).Take(PerCategory).ToList()))
            .ToList();
        var prompt = new StringBuilder();
        foreach (var section in sections)
        {
            prompt.Append("## ").AppendLine(section.Category);
            foreach (var memory in section.Memories)
            {
                prompt.Append("- ").AppendLine(memory.Text);
            }
        }

        return new UserContext(blob.Preferences, sections, prompt.ToString()).Sections.Sum(section => section.Memories.Count);
    }

    public async Task<bool> GetAsync(string userId, string memoryId) =>
        (await LoadAsync(userId)).Memories.Exists(memory => memory.Id == memoryId);

    public async Task<string> RememberAsync(string userId, NewMemory memory)
    {
        var blob = await LoadAsync(userId);
        if (blob.Memories.Find(existing => existing.Text == memory.Text) is { } duplicate)
        {
            return duplicate.Id;
        }

        var record = Record(memory);
        blob.Memories.Add(record);
        await SaveAsync(userId, blob);
        return record.Id;
    }

    public async Task<IReadOnlyList<string>> SeedAsync(string userId, IReadOnlyList<NewMemory> memories)
    {
        var blob = new BaselineUserBlob { Memories = memories.Select(Record).ToList() };
        await SaveAsync(userId, blob);
        return blob.Memories.ConvertAll(memory => memory.Id);
    }

    /// <summary>Every memory id the store holds for <paramref name="userId"/>.</summary>
    public async Task<IReadOnlyList<string>> StoredIdsAsync(string userId) =>
        (await LoadAsync(userId)).Memories.ConvertAll(memory => memory.Id);

    private async Task<BaselineUserBlob> LoadAsync(string userId)
    {
        var sealedBlob = (byte[]?)await store.StringGetAsync(KeyPrefix + userId);
        if (sealedBlob is null)
        {
            return new BaselineUserBlob();
        }

        var json = cipher.Open(sealedBlob, userId, dataKey);
        return JsonSerializer.Deserialize(json, BaselineJsonContext.Default.BaselineUserBlob) ?? new BaselineUserBlob();
    }

    private Task SaveAsync(string userId, BaselineUserBlob blob)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(blob, BaselineJsonContext.Default.BaselineUserBlob);
        return store.StringSetAsync(KeyPrefix + userId, cipher.Seal(json, userId, dataKey));
    }

    private MemoryRecord Record(NewMemory memory) => SampleRecords.From(memory, time.GetUtcNow());

    private static bool Servable(MemoryRecord memory, DateTimeOffset now) =>
        !memory.Quarantined && (memory.ExpiresAt is not { } expiry || expiry > now);
}
