using System.Text;
using System.Text.RegularExpressions;

namespace TripSage.Memory.Grains.Validation;

/// <summary>
/// Checks every field of a request against <see cref="MemoryOptions"/> before anything changes.
/// It never rewrites what the user wrote: a field is either accepted as given or rejected with a
/// <see cref="MemoryValidationException"/> that names it and says what it allows.
/// </summary>
internal sealed partial class MemoryRequestValidator(MemoryOptions options)
{
    private static readonly string[] Roles = ["user", "assistant", "system", "tool"];

    // Leaves room for a billion updates after any import, so a version can never overflow.
    private const int MaxVersion = 1_000_000_000;

    public void NewMemory(NewMemory memory, string path)
    {
        Required(memory, path);
        Text(memory.Text, $"{path}.text", options.MaxTextBytes);
        Category(memory.Category, $"{path}.category");
        Tags(memory.Tags, $"{path}.tags");
        Identifier(memory.Source, $"{path}.source");
        Identifier(memory.SessionId, $"{path}.sessionId");
        Embedding(memory.Embedding, $"{path}.embedding");
        EmbeddingModel(memory.EmbeddingModel, memory.Embedding is not null, $"{path}.embeddingModel");
        Identifier(memory.IdempotencyKey, $"{path}.idempotencyKey");
    }

    /// <summary>No two items of one remember may carry the same idempotency key: each key stands for one memory.</summary>
    public void DistinctIdempotencyKeys(IReadOnlyList<NewMemory> memories, string path)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < memories.Count; i++)
        {
            if (memories[i].IdempotencyKey is { } key && !first.TryAdd(key, i))
            {
                throw new MemoryValidationException($"{path}[{i}].idempotencyKey", $"the same key as {path}[{first[key]}]", "a different key on every item of one call");
            }
        }
    }

    public void Batch<T>(IReadOnlyList<T>? items, string path, int maximum)
    {
        if (items is null || items.Count == 0)
        {
            throw new MemoryValidationException(path, "empty", $"1 to {maximum} items");
        }

        if (items.Count > maximum)
        {
            throw new MemoryValidationException(path, $"{items.Count} items", $"1 to {maximum} items");
        }
    }

    public void Conversation(Conversation conversation)
    {
        Required(conversation, "conversation");
        Identifier(conversation.SessionId, "conversation.sessionId", required: true);
        Category(conversation.Category, "conversation.category");
        Batch(conversation.Messages, "conversation.messages", options.MaxConversationMessages);
        for (var i = 0; i < conversation.Messages.Count; i++)
        {
            var message = conversation.Messages[i];
            var path = $"conversation.messages[{i}]";
            Required(message, path);
            Role(message.Role, $"{path}.role", required: true);

            Text(message.Text, $"{path}.text", options.MaxTextBytes);
        }
    }

    public void Search(SearchQuery query)
    {
        Required(query, "query");
        Text(query.Text, "query.text", options.MaxQueryBytes);
        Range(query.Top, "query.top", 1, options.MaxSearchResults);
        Category(query.Category, "query.category");
        Tags(query.Tags, "query.tags");
        Identifier(query.SessionId, "query.sessionId");
        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw new MemoryValidationException("query.from", "not before query.to", "a time range whose start is before its end");
        }

        SearchRanking(query);
    }

    public void List(ListQuery query)
    {
        Required(query, "query");
        Range(query.Offset, "query.offset", 0, int.MaxValue);
        Range(query.Limit, "query.limit", 1, options.MaxPageSize);
        Category(query.Category, "query.category");
        Tags(query.Tags, "query.tags");
    }

    public void Update(string memoryId, MemoryUpdate update)
    {
        MemoryId(memoryId, "memoryId");
        Required(update, "update");
        if (update.Text is not null)
        {
            Text(update.Text, "update.text", options.MaxTextBytes);
        }

        if (update.Category is { Length: > 0 })
        {
            Category(update.Category, "update.category");
        }

        Tags(update.Tags, "update.tags");
        Embedding(update.Embedding, "update.embedding");
        EmbeddingModel(update.EmbeddingModel, update.Embedding is not null, "update.embeddingModel");
    }

    public void MemoryIds(IReadOnlyList<string> memoryIds)
    {
        Batch(memoryIds, "memoryIds", options.MaxForgetBatch);
        for (var i = 0; i < memoryIds.Count; i++)
        {
            MemoryId(memoryIds[i], $"memoryIds[{i}]");
        }
    }

    public void MemoryId(string? memoryId, string path) => Identifier(memoryId, path, required: true);

    public void AuditRange(long sinceSequence, int limit)
    {
        if (sinceSequence < 1)
        {
            throw new MemoryValidationException("sinceSequence", $"{sinceSequence} is out of range", "1 or more");
        }

        Range(limit, "limit", 1, options.MaxPageSize);
    }

    public void Preferences(IReadOnlyDictionary<string, string> preferences)
    {
        Required(preferences, "preferences");
        if (preferences.Count > options.MaxPreferences)
        {
            throw new MemoryValidationException("preferences", $"{preferences.Count} entries", $"at most {options.MaxPreferences} preferences");
        }

        foreach (var (key, value) in preferences)
        {
            Key(key, "preferences key", options.MaxTagKeyLength);
            if (value is null)
            {
                throw new MemoryValidationException($"preferences[{key}]", "missing", "text, or an empty string to remove the preference");
            }

            if (value.Length > 0)
            {
                Text(value, $"preferences[{key}]", options.MaxPreferenceValueBytes);
            }
        }
    }

    public void Context(ContextQuery query)
    {
        Required(query, "query");
        Range(query.PerCategory, "query.perCategory", 1, options.MaxContextPerCategory);
    }

    public void Import(UserExport document, string userId)
    {
        Required(document, "document");
        if (document.Format != UserExport.CurrentFormat)
        {
            throw new MemoryValidationException("document.format", $"format {document.Format}", $"format {UserExport.CurrentFormat}");
        }

        if (!string.Equals(document.UserId, userId, StringComparison.Ordinal))
        {
            throw new MemoryValidationException("document.userId", "the document belongs to another user", $"'{userId}', the user being imported into");
        }

        Required(document.Memories, "document.memories");
        if (document.Memories.Count > options.MaxMemoriesPerUser)
        {
            throw new MemoryValidationException("document.memories", $"{document.Memories.Count} memories", $"at most {options.MaxMemoriesPerUser} memories");
        }

        for (var i = 0; i < document.Memories.Count; i++)
        {
            var memory = document.Memories[i];
            var path = $"document.memories[{i}]";
            Required(memory, path);
            MemoryId(memory.Id, $"{path}.id");
            Text(memory.Text, $"{path}.text", options.MaxTextBytes);
            Category(memory.Category, $"{path}.category");
            Tags(memory.Tags, $"{path}.tags");
            Identifier(memory.Source, $"{path}.source");
            Identifier(memory.SessionId, $"{path}.sessionId");
            Embedding(memory.Embedding, $"{path}.embedding");
            Quantized(memory.QuantizedEmbedding, $"{path}.quantizedEmbedding");
            EmbeddingModel(memory.EmbeddingModel, memory.Embedding is not null || memory.QuantizedEmbedding is not null, $"{path}.embeddingModel");
            Role(memory.Role, $"{path}.role", required: false);
            Range(memory.Version, $"{path}.version", 1, MaxVersion);
            PreviousVersions(memory, path);
        }

        Preferences(document.Preferences);
    }

    public void Reembed(int maxMemories, int maximum) => Range(maxMemories, "maxMemories", 1, maximum);

    /// <summary>
    /// An imported memory's history, checked as strictly as new input: at most the versions the grid
    /// keeps, each an earlier version (ascending, below the memory's own), with a text, category and
    /// tags that new input could have had.
    /// </summary>
    private void PreviousVersions(MemoryRecord memory, string path)
    {
        var field = $"{path}.previousVersions";
        Required(memory.PreviousVersions, field);
        if (memory.PreviousVersions.Count > options.MaxVersionsKept)
        {
            throw new MemoryValidationException(field, $"{memory.PreviousVersions.Count} versions", $"at most {options.MaxVersionsKept} earlier versions ({MemoryOptions.SectionName}:MaxVersionsKept)");
        }

        var below = memory.Version;
        for (var j = memory.PreviousVersions.Count - 1; j >= 0; j--)
        {
            var version = memory.PreviousVersions[j];
            var versionPath = $"{field}[{j}]";
            Required(version, versionPath);
            if (version.Version < 1 || version.Version >= below)
            {
                throw new MemoryValidationException($"{versionPath}.version", $"{version.Version} is out of range", below > 1
                    ? $"1 to {below - 1}: earlier versions ascend and stay below the version after them"
                    : "nothing: version 1 has no earlier version");
            }

            Text(version.Text, $"{versionPath}.text", options.MaxTextBytes);
            Category(version.Category, $"{versionPath}.category");
            Tags(version.Tags, $"{versionPath}.tags");
            below = version.Version;
        }
    }

    private static void Role(string? role, string path, bool required)
    {
        if ((role is null && required) || (role is not null && !Roles.Contains(role, StringComparer.Ordinal)))
        {
            throw new MemoryValidationException(path, role is null ? "missing" : "not a known role", string.Join(", ", Roles));
        }
    }

    private void SearchRanking(SearchQuery query)
    {
        if (!Enum.IsDefined(query.Mode))
        {
            throw new MemoryValidationException("query.mode", $"{(int)query.Mode} is not a mode", string.Join(", ", Enum.GetNames<SearchMode>()));
        }

        Embedding(query.QueryEmbedding, "query.queryEmbedding");
        EmbeddingModel(query.QueryEmbeddingModel, query.QueryEmbedding is not null, "query.queryEmbeddingModel");
        Weight(query.KeywordWeight, "query.keywordWeight");
        Weight(query.VectorWeight, "query.vectorWeight");
        if (query.KeywordWeight is 0 && query.VectorWeight is 0)
        {
            throw new MemoryValidationException("query.vectorWeight", "0 with query.keywordWeight also 0", "weights that are not both 0");
        }

        if (query.RecencyHalfLife is { } halfLife && halfLife <= TimeSpan.Zero)
        {
            throw new MemoryValidationException("query.recencyHalfLife", $"{halfLife}", "a positive duration");
        }
    }

    private static void Weight(double? weight, string path)
    {
        if (weight is { } value && (!double.IsFinite(value) || value < 0))
        {
            throw new MemoryValidationException(path, $"{value}", "a finite number of at least 0");
        }
    }

    /// <summary>A model name is recorded with the vector it describes; without a vector it would describe nothing.</summary>
    private void EmbeddingModel(string? model, bool hasEmbedding, string path)
    {
        if (model is null)
        {
            return;
        }

        if (!hasEmbedding)
        {
            throw new MemoryValidationException(path, "given without an embedding", "a model name only together with the embedding it made");
        }

        if (model.Length == 0 || model.Length > options.MaxIdentifierLength || model.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new MemoryValidationException(path, "not a valid model name", $"1 to {options.MaxIdentifierLength} characters without spaces or control characters");
        }
    }

    private void Quantized(QuantizedEmbedding? embedding, string path)
    {
        if (embedding is null)
        {
            return;
        }

        if (embedding.Codes is null || embedding.Codes.Length != options.EmbeddingDimensions)
        {
            throw new MemoryValidationException(path, $"{embedding.Codes?.Length ?? 0} dimensions", $"exactly {options.EmbeddingDimensions} dimensions");
        }

        if (!float.IsFinite(embedding.Scale) || embedding.Scale < 0)
        {
            throw new MemoryValidationException($"{path}.scale", $"{embedding.Scale}", "a finite number of at least 0");
        }
    }

    private static void Required<T>(T? value, string path)
        where T : class
    {
        if (value is null)
        {
            throw new MemoryValidationException(path, "missing", "a value");
        }
    }

    private static void Range(int value, string path, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            throw new MemoryValidationException(path, $"{value} is out of range", $"{minimum} to {maximum}");
        }
    }

    /// <summary>
    /// Text must be real text: not blank, within the byte limit, no control characters other
    /// than tab, line feed and carriage return, and no unpaired surrogate (which is not Unicode).
    /// </summary>
    private static void Text(string? text, string path, int maxBytes)
    {
        var allowed = $"1 to {maxBytes} bytes of UTF-8 text without control characters other than tab and newline";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MemoryValidationException(path, text is null ? "missing" : "blank", allowed);
        }

        UnicodeText.ThrowIfUnpairedSurrogate(text, path);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                throw new MemoryValidationException(path, $"control character U+{(int)c:X4} at position {i}", allowed);
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            throw new MemoryValidationException(path, $"{bytes} bytes", allowed);
        }
    }

    private void Category(string? category, string path)
    {
        if (category is null)
        {
            return;
        }

        if (category.Length > options.MaxCategoryLength || !CategoryPattern().IsMatch(category))
        {
            throw new MemoryValidationException(path, "not a valid category", $"1 to {options.MaxCategoryLength} characters: lower-case letters, digits, '-' and '_', starting with a letter or digit");
        }
    }

    private void Tags(IReadOnlyDictionary<string, string>? tags, string path)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > options.MaxTagsPerMemory)
        {
            throw new MemoryValidationException(path, $"{tags.Count} tags", $"at most {options.MaxTagsPerMemory} tags");
        }

        foreach (var (key, value) in tags)
        {
            Key(key, $"{path} key", options.MaxTagKeyLength);
            if (string.IsNullOrEmpty(value) || value.Length > options.MaxTagValueLength || value.Any(char.IsControl))
            {
                throw new MemoryValidationException($"{path}[{key}]", "not a valid tag value", $"1 to {options.MaxTagValueLength} characters without control characters");
            }
        }
    }

    private static void Key(string? key, string path, int maxLength)
    {
        if (key is null || key.Length > maxLength || !KeyPattern().IsMatch(key))
        {
            throw new MemoryValidationException(path, $"'{key}' is not a valid key", $"1 to {maxLength} characters: letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
        }
    }

    private void Identifier(string? value, string path, bool required = false)
    {
        if (value is null && !required)
        {
            return;
        }

        if (value is null || value.Length > options.MaxIdentifierLength || !KeyPattern().IsMatch(value))
        {
            throw new MemoryValidationException(path, value is null ? "missing" : "not a valid identifier", $"1 to {options.MaxIdentifierLength} characters: letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
        }
    }

    private void Embedding(float[]? embedding, string path)
    {
        if (embedding is null)
        {
            return;
        }

        if (embedding.Length != options.EmbeddingDimensions)
        {
            throw new MemoryValidationException(path, $"{embedding.Length} dimensions", $"exactly {options.EmbeddingDimensions} dimensions");
        }

        if (embedding.Any(v => !float.IsFinite(v)))
        {
            throw new MemoryValidationException(path, "contains NaN or infinity", "finite numbers");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
