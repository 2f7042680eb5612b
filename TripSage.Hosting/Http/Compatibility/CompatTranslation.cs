using System.Text.Json;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>Between TripSage's (Mem0's) shapes and the grid's: one place for each field's meaning.</summary>
internal static class CompatTranslation
{
    /// <summary>Mem0's event for a stored message.</summary>
    public const string Added = "ADD";

    /// <summary>Mem0's event for a message that changed nothing (here: a duplicate of a held memory).</summary>
    public const string Unchanged = "NONE";

    /// <summary>The category the grid gives a conversation's memories, and TripSage's default preference category.</summary>
    public const string GeneralCategory = "general";

    private const string CategoryFilter = "category";
    private const string SessionFilter = "session_id";

    // The context lists of TripSage's UserContextResponse, by the grid category that fills each.
    private static readonly string[] PreferenceCategories = ["preference", "preferences"];

    public static IReadOnlyDictionary<string, string> MetadataOf(MemoryRecord memory)
    {
        var metadata = new Dictionary<string, string>(memory.Tags, StringComparer.Ordinal);
        AddIfSet(metadata, "session_id", memory.SessionId);
        AddIfSet(metadata, "role", memory.Role);
        AddIfSet(metadata, "source", memory.Source);
        return metadata;
    }

    public static IReadOnlyList<string> CategoriesOf(MemoryRecord memory) => memory.Category is { } category ? [category] : [];

    public static CompatMemory MemoryOf(MemoryRecord memory, string userId) =>
        new(memory.Id, memory.Text, MetadataOf(memory), CategoriesOf(memory), memory.CreatedAt, userId);

    public static Conversation ConversationOf(CompatConversationRequest request)
    {
        if (request.Messages is null)
        {
            throw new MemoryValidationException("messages", "missing", "a list of {role, content} messages");
        }

        var session = request.SessionId ?? $"http-{Guid.NewGuid():N}";
        return new Conversation(session, request.Messages.Select(m => new ConversationMessage(m?.Role!, m?.Content!)).ToArray());
    }

    public static CompatConversationResponse ConversationResultOf(Conversation conversation, RememberResult result) =>
        new(
            result.Outcomes.Select(o => new CompatAddResult(o.MemoryId, conversation.Messages[o.Index].Text, o.Status == RememberStatus.Stored ? Added : Unchanged)).ToArray(),
            conversation.SessionId);

    /// <summary>The grid's search for a TripSage search request.</summary>
    /// <exception cref="MemoryValidationException">The threshold is outside 0..1, or a filter value is not a string.</exception>
    public static SearchQuery SearchOf(CompatSearchRequest request)
    {
        if (request.SimilarityThreshold is < 0 or > 1 || double.IsNaN(request.SimilarityThreshold))
        {
            throw new MemoryValidationException("similarity_threshold", $"{request.SimilarityThreshold}", "a number from 0 to 1");
        }

        string? category = null;
        string? session = null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Filters ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                throw new MemoryValidationException($"filters.{key}", $"a JSON {value.ValueKind.ToString().ToLowerInvariant()}", "a string");
            }

            var text = value.GetString()!;
            switch (key)
            {
                case CategoryFilter:
                    category = text;
                    break;
                case SessionFilter:
                    session = text;
                    break;
                default:
                    tags[key] = text;
                    break;
            }
        }

        return new SearchQuery(request.Query, request.Limit, category, tags.Count > 0 ? tags : null, SessionId: session);
    }

    /// <summary>
    /// Hits as TripSage's results. <c>similarity</c> is the embedding's cosine similarity; a hit found by
    /// its words alone has none (reported 0) and is kept, since it shares words with the query.
    /// </summary>
    public static CompatSearchResponse SearchResultOf(IReadOnlyList<SearchHit> hits, double threshold, string userId)
    {
        var memories = hits
            .Where(hit => hit.VectorSimilarity is not { } similarity || similarity >= threshold)
            .Select(hit => new CompatSearchResult(
                hit.Memory.Id,
                hit.Memory.Text,
                MetadataOf(hit.Memory),
                CategoriesOf(hit.Memory),
                hit.VectorSimilarity ?? 0,
                hit.Memory.CreatedAt,
                userId))
            .ToArray();
        return new CompatSearchResponse(memories, memories.Length);
    }

    public static CompatContextResponse ContextOf(UserContext context, string userId)
    {
        var byCategory = context.Sections.ToDictionary(s => s.Category, s => s.Memories.Select(m => MemoryOf(m, userId)).ToArray(), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<CompatMemory> Take(params string[] categories)
        {
            used.UnionWith(categories);
            return categories.SelectMany(c => byCategory.TryGetValue(c, out var items) ? items : []).ToArray();
        }

        var preferences = context.Preferences.Select(p => (object)new CompatPreference(p.Key, p.Value)).Concat(Take(PreferenceCategories)).ToArray();
        var pastTrips = Take("past_trips", "past_trip", "trip");
        var destinations = Take("saved_destinations", "destination");
        var budget = Take("budget_patterns", "budget");
        var style = Take("travel_style");
        var dietary = Take("dietary_restrictions", "dietary", "health");
        var accommodation = Take("accommodation_preferences", "accommodation");
        var activity = Take("activity_preferences", "activity");
        var other = byCategory.Where(kv => !used.Contains(kv.Key)).SelectMany(kv => kv.Value).ToArray();
        return new CompatContextResponse(
            preferences, pastTrips, destinations, budget, style, dietary, accommodation, activity, other, new Dictionary<string, string>(), context.Prompt);
    }

    /// <summary>TripSage's preference values as the grid's text: a string as it is, any other JSON value as its JSON text.</summary>
    /// <exception cref="MemoryValidationException">No preference was sent, or one is null.</exception>
    public static IReadOnlyDictionary<string, string> PreferencesOf(IReadOnlyDictionary<string, JsonElement>? preferences)
    {
        if (preferences is null || preferences.Count == 0)
        {
            throw new MemoryValidationException("preferences", preferences is null ? "missing" : "empty", "an object with at least one preference");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in preferences)
        {
            values[key] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Null or JsonValueKind.Undefined => throw new MemoryValidationException($"preferences.{key}", "null", "a string, number, boolean, array or object"),
                _ => value.GetRawText(),
            };
        }

        return values;
    }

    public static CompatStatsResponse StatsOf(MemoryStats stats, string userId) =>
        new(userId, stats.MemoryCount, stats.ByCategory, stats.PreferenceCount, stats.TextBytes, stats.OldestAt, stats.NewestAt);

    private static void AddIfSet(Dictionary<string, string> metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata.TryAdd(key, value);
        }
    }
}
