using System.Diagnostics;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>
/// The LoCoMo retrieval benchmark. Every turn becomes one memory of the conversation's user through the
/// grain API on the silo host over its embedded Garnet store, with the grid embedding it (local
/// MiniLM); every category 1-4 question is asked as a search in each mode. Then, on the memories as the
/// grain stored them (exported): float32 against 8-bit vectors, fusion variants, and latency and size at
/// a user with <see cref="DefaultScaleMemories"/> memories.
/// </summary>
internal sealed class LocomoBenchmark(IReadOnlyList<LocomoConversation> conversations, int scaleMemories, TextWriter output)
{
    public const int DefaultScaleMemories = 10_000;

    private const int Top = 10;

    // Timings of the first calls include JIT and model warm-up; they are not what a running silo sees.
    private const int WarmUpCalls = 20;

    private static readonly SearchMode[] Modes = [SearchMode.Keyword, SearchMode.Vector, SearchMode.Hybrid];

    private readonly RecallTable _recall = new();
    private readonly MiniLmTextEmbedder _embedder = new();
    private readonly Dictionary<string, List<string>> _dialogueIds = new(StringComparer.Ordinal);

    public async Task<LocomoReport> RunAsync(CancellationToken cancellationToken)
    {
        output.WriteLine($"LoCoMo retrieval benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {conversations.Count} conversations");
        await using var grid = await LocomoGrid.StartAsync();

        // Every call below carries the admin token: the grid checks it as it checks any caller's.
        RequestContext.Set(MemoryRequestContext.BearerToken, grid.AdminToken);

        var ingest = Stopwatch.StartNew();
        foreach (var conversation in conversations)
        {
            await StoreTurnsAsync(grid, conversation);
        }

        output.WriteLine($"stored {_dialogueIds.Count} turns as memories through the grain (embedded by the grid) in {ingest.Elapsed.TotalSeconds:0.0} s");

        var grainLatency = Modes.ToDictionary(m => m, _ => new List<double>());
        foreach (var conversation in conversations)
        {
            var user = grid.User(UserOf(conversation));
            foreach (var question in Asked(conversation))
            {
                foreach (var mode in Modes)
                {
                    var watch = Stopwatch.StartNew();
                    var hits = await user.SearchAsync(new SearchQuery(question.Text, Top: Top, Mode: mode));
                    grainLatency[mode].Add(watch.Elapsed.TotalMilliseconds);
                    _recall.Add(mode.ToString().ToLowerInvariant(), question.Category, conversation.Name, question.Evidence, [.. hits.Select(h => _dialogueIds[h.Memory.Id])]);
                }
            }
        }

        output.WriteLine();
        output.WriteLine("## Recall through the grain API (grid defaults)");
        _recall.Write(output, ["keyword", "vector", "hybrid"]);
        var report = new LocomoReport(_recall.Recall("keyword"), _recall.Recall("vector"), _recall.Recall("hybrid"));

        var stored = new Dictionary<string, IReadOnlyList<MemoryRecord>>(StringComparer.Ordinal);
        foreach (var conversation in conversations)
        {
            stored[conversation.Name] = (await grid.User(UserOf(conversation)).ExportAsync()).Memories;
        }

        var queryVectors = await EmbedQuestionsAsync(cancellationToken);
        await CompareVectorPrecisionAsync(stored, queryVectors, cancellationToken);
        CompareFusion(stored, queryVectors);

        output.WriteLine();
        output.WriteLine("## Latency");
        foreach (var mode in Modes)
        {
            output.WriteLine($"grain search, {mode.ToString().ToLowerInvariant()}, LoCoMo users (~{_dialogueIds.Count / conversations.Count} memories), query embedded by the grid: {Percentiles.Describe(grainLatency[mode].Skip(WarmUpCalls).ToList())}");
        }

        await MeasureScaleAsync(grid, stored, queryVectors);
        return report;
    }

    private static string UserOf(LocomoConversation conversation) => $"locomo-{conversation.Name}";

    private static IEnumerable<LocomoQuestion> Asked(LocomoConversation conversation) =>
        conversation.Questions.Where(q => q.Category is >= 1 and <= 4 && q.Evidence.Count > 0);

    private async Task StoreTurnsAsync(LocomoGrid grid, LocomoConversation conversation)
    {
        var user = grid.User(UserOf(conversation));
        var firstSpeaker = conversation.Sessions.SelectMany(s => s.Turns).First().Speaker;
        var fallback = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var session in conversation.Sessions)
        {
            // Turns keep their order through their time: a second apart from the session's start.
            var start = session.At ?? fallback.AddDays(session.Number);
            var messages = session.Turns.Select((t, i) => new ConversationMessage(t.Speaker == firstSpeaker ? "user" : "assistant", t.MemoryText, start.AddSeconds(i))).ToList();
            var result = await user.AddConversationAsync(new Conversation($"session_{session.Number}", messages));
            foreach (var outcome in result.Outcomes)
            {
                if (!_dialogueIds.TryGetValue(outcome.MemoryId, out var ids))
                {
                    ids = [];
                    _dialogueIds[outcome.MemoryId] = ids;
                }

                ids.Add(session.Turns[outcome.Index].DialogueId);
            }
        }
    }

    private async Task<Dictionary<LocomoQuestion, float[]>> EmbedQuestionsAsync(CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<LocomoQuestion, float[]>();
        var timings = new List<double>();
        foreach (var question in conversations.SelectMany(Asked))
        {
            var watch = Stopwatch.StartNew();
            vectors[question] = (await _embedder.EmbedAsync([question.Text], cancellationToken))[0];
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine();
        output.WriteLine($"local query embedding (all-MiniLM-L6-v2, one question per call): {Percentiles.Describe(timings.Skip(WarmUpCalls).ToList())}");
        return vectors;
    }

    /// <summary>Vector-only recall with full float32 cosine (the turns embedded again here) against the 8-bit vectors the grain stores.</summary>
    private async Task CompareVectorPrecisionAsync(Dictionary<string, IReadOnlyList<MemoryRecord>> stored, Dictionary<LocomoQuestion, float[]> queryVectors, CancellationToken cancellationToken)
    {
        foreach (var conversation in conversations)
        {
            var memories = stored[conversation.Name];
            var full = await _embedder.EmbedAsync([.. memories.Select(m => m.Text)], cancellationToken);
            foreach (var question in Asked(conversation))
            {
                var q = queryVectors[question];
                var ranked = memories.Select((m, i) => (Memory: m, Similarity: Dot(q, full[i])))
                    .OrderByDescending(x => x.Similarity)
                    .Take(Top)
                    .Select(x => (IReadOnlyCollection<string>)_dialogueIds[x.Memory.Id])
                    .ToList();
                _recall.Add("vector float32", question.Category, conversation.Name, question.Evidence, ranked);
            }
        }

        output.WriteLine();
        output.WriteLine("## Cost of 8-bit embeddings (vector-only recall)");
        RecallTable.WriteRow(output, "vector float32", "overall", _recall.Questions("vector float32"), _recall.Recall("vector float32"));
        RecallTable.WriteRow(output, "vector int8 (stored)", "overall", _recall.Questions("vector"), _recall.Recall("vector"));
    }

    /// <summary>Hybrid ranking under other fusion settings, on the same index code the grain runs.</summary>
    private void CompareFusion(Dictionary<string, IReadOnlyList<MemoryRecord>> stored, Dictionary<LocomoQuestion, float[]> queryVectors)
    {
        var variants = new (string Name, SearchOptions Options)[]
        {
            ("rrf k=60 1:1", new SearchOptions { Fusion = FusionMethod.ReciprocalRank, KeywordWeight = 1, VectorWeight = 1, SessionNeighbourWeight = 0 }),
            ("weighted 0.7:0.3", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.7, VectorWeight = 0.3, SessionNeighbourWeight = 0 }),
            ("weighted 0.6:0.4", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.6, VectorWeight = 0.4, SessionNeighbourWeight = 0 }),
            ("weighted 0.5:0.5", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.5, VectorWeight = 0.5, SessionNeighbourWeight = 0 }),
            ("weighted 0.4:0.6", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.4, VectorWeight = 0.6, SessionNeighbourWeight = 0 }),
            ("w 0.6:0.4 + nb 0.15", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.6, VectorWeight = 0.4, SessionNeighbourWeight = 0.15 }),
            ("w 0.6:0.4 + nb 0.3", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.6, VectorWeight = 0.4, SessionNeighbourWeight = 0.3 }),
            ("w 0.6:0.4 + nb 0.5", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.6, VectorWeight = 0.4, SessionNeighbourWeight = 0.5 }),
            ("w 0.5:0.5 + nb 0.3", new SearchOptions { Fusion = FusionMethod.Weighted, KeywordWeight = 0.5, VectorWeight = 0.5, SessionNeighbourWeight = 0.3 }),
            ("rrf 1:1 + nb 0.3", new SearchOptions { Fusion = FusionMethod.ReciprocalRank, KeywordWeight = 1, VectorWeight = 1, SessionNeighbourWeight = 0.3 }),
        };
        foreach (var (name, options) in variants)
        {
            foreach (var conversation in conversations)
            {
                var memories = stored[conversation.Name];
                var index = new UserSearchIndex(options);
                memories.ToList().ForEach(index.Add);
                var byId = memories.ToDictionary(m => m.Id, StringComparer.Ordinal);
                foreach (var question in Asked(conversation))
                {
                    var hits = index.Search(new SearchQuery(question.Text, Top: Top), Query(queryVectors[question]), byId, _ => true, DateTimeOffset.UtcNow);
                    _recall.Add(name, question.Category, conversation.Name, question.Evidence, [.. hits.Select(h => _dialogueIds[h.Memory.Id])]);
                }
            }
        }

        output.WriteLine();
        output.WriteLine("## Fusion (hybrid, same memories and query vectors; the grid default is marked *)");
        var defaults = new SearchOptions();
        foreach (var (name, options) in variants)
        {
            var marker = options.Fusion == defaults.Fusion && options.KeywordWeight == defaults.KeywordWeight && options.VectorWeight == defaults.VectorWeight
                && options.SessionNeighbourWeight == defaults.SessionNeighbourWeight ? " *" : string.Empty;
            RecallTable.WriteRow(output, name + marker, "overall", _recall.Questions(name), _recall.Recall(name));
        }

        // Would choosing the variant on four conversations pick one that also holds on the fifth?
        output.WriteLine();
        output.WriteLine("leave-one-conversation-out: variant with the best recall@10 on the other conversations, and its recall@10 on the held-out one");
        foreach (var heldOut in _recall.Conversations)
        {
            var chosen = variants.MaxBy(v => _recall.Recall(v.Name, conversation: c => c != heldOut)[2]).Name;
            output.WriteLine($"  held out {heldOut}: chose {chosen}, recall@10 {RecallTable.F(_recall.Recall(chosen, conversation: c => c == heldOut)[2])} (grid default {RecallTable.F(_recall.Recall("hybrid", conversation: c => c == heldOut)[2])})");
        }
    }

    /// <summary>A user with many memories (the LoCoMo turns repeated under other sessions): search latency inside the index and through the grain, and bytes per memory.</summary>
    private async Task MeasureScaleAsync(LocomoGrid grid, Dictionary<string, IReadOnlyList<MemoryRecord>> stored, Dictionary<LocomoQuestion, float[]> queryVectors)
    {
        var source = stored.Values.SelectMany(m => m).ToList();
        var records = Enumerable.Range(0, scaleMemories).Select(i =>
        {
            var original = source[i % source.Count];
            return original with { Id = $"scale-{i:D6}", SessionId = $"copy{i / source.Count}-{original.SessionId}" };
        }).ToList();
        var byId = records.ToDictionary(r => r.Id, StringComparer.Ordinal);

        var embeddingBytes = MeasureBytes(() => records.Select(r => r.QuantizedEmbedding! with { Codes = (byte[])r.QuantizedEmbedding.Codes.Clone() }).ToList());
        UserSearchIndex index = null!;
        var indexBytes = MeasureBytes(() =>
        {
            index = new UserSearchIndex(new SearchOptions());
            records.ForEach(index.Add);
            return index;
        });
        var textBytes = records.Average(r => System.Text.Encoding.UTF8.GetByteCount(r.Text));
        output.WriteLine();
        output.WriteLine($"## A user with {scaleMemories} memories");
        output.WriteLine($"memory per stored memory beyond its text: index {indexBytes / scaleMemories:0} B + 8-bit embedding {embeddingBytes / scaleMemories:0} B = {(indexBytes + embeddingBytes) / scaleMemories:0} B (text itself: {textBytes:0} B of UTF-8 on average)");

        var questions = queryVectors.Keys.ToList();
        foreach (var mode in Modes)
        {
            var timings = new List<double>();
            foreach (var question in questions.Concat(questions.Take(WarmUpCalls)))
            {
                var vector = Query(queryVectors[question]);
                var watch = Stopwatch.StartNew();
                index.Search(new SearchQuery(question.Text, Top: Top, Mode: mode), vector, byId, _ => true, DateTimeOffset.UtcNow);
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            output.WriteLine($"index search (what the grain runs in its turn), {mode.ToString().ToLowerInvariant()}: {Percentiles.Describe(timings.Skip(WarmUpCalls).ToList())}");
        }

        var user = grid.User("locomo-scale");
        await user.ImportAsync(new UserExport { UserId = "locomo-scale", Memories = records });
        foreach (var mode in Modes)
        {
            var timings = new List<double>();
            foreach (var question in questions.Take(WarmUpCalls).Concat(questions))
            {
                var query = new SearchQuery(question.Text, Top: Top, Mode: mode, QueryEmbedding: queryVectors[question], QueryEmbeddingModel: MiniLmTextEmbedder.ModelName);
                var watch = Stopwatch.StartNew();
                await user.SearchAsync(query);
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            output.WriteLine($"grain search round trip (in-process silo, query vector supplied), {mode.ToString().ToLowerInvariant()}: {Percentiles.Describe(timings.Skip(WarmUpCalls).ToList())}");
        }
    }

    private static QueryVector Query(float[] vector) => new(EmbeddingQuantizer.Quantize(vector), MiniLmTextEmbedder.ModelName);

    private static double MeasureBytes(Func<object> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var built = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(built);
        return after - before;
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
