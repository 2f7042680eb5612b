using System.Globalization;
using System.Text.Json;

namespace TripSage.Memory.Client.Mem0;

/// <summary>
/// Reads a Mem0 memory export: what Mem0's <c>get_all</c> returns, either <c>{"results": [...]}</c>
/// or a bare array of items. An item that cannot be read becomes a <c>rejected</c> problem naming
/// its field; the rest of the export is still read. Fields we have no place for (<c>hash</c>,
/// <c>agent_id</c>, <c>run_id</c>, ...) are ignored.
/// </summary>
internal static class Mem0ExportReader
{
    /// <summary>Reads the items of <paramref name="root"/>.</summary>
    /// <exception cref="MemoryValidationException">The document is neither shape.</exception>
    public static (List<Mem0Item> Items, List<Mem0ImportProblem> Problems, int Count) Read(JsonElement root)
    {
        var array = root.ValueKind switch
        {
            JsonValueKind.Array => root,
            JsonValueKind.Object when root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array => results,
            _ => throw new MemoryValidationException("document", $"a JSON {Kind(root)} without a \"results\" array", "a JSON object whose \"results\" is an array of Mem0 memories, or an array of Mem0 memories"),
        };

        var items = new List<Mem0Item>();
        var problems = new List<Mem0ImportProblem>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            try
            {
                items.Add(ReadItem(element, index));
            }
            catch (MemoryValidationException invalid)
            {
                problems.Add(new Mem0ImportProblem(index, TextOf(element, "id"), TextOf(element, "user_id"), Mem0ImportProblem.Rejected, invalid.Message));
            }

            index++;
        }

        return (items, problems, index);
    }

    private static Mem0Item ReadItem(JsonElement element, int index)
    {
        var path = $"items[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MemoryValidationException(path, $"a JSON {Kind(element)}", "an object with id, memory and user_id");
        }

        var sourceId = RequiredText(element, "id", path);
        var userId = RequiredText(element, "user_id", path);
        try
        {
            UserIds.Validate(userId);
        }
        catch (MemoryValidationException)
        {
            throw new MemoryValidationException($"{path}.user_id", "not a valid user id", UserIds.Allowed);
        }

        var text = RequiredText(element, "memory", path);
        UnicodeText.ThrowIfUnpairedSurrogate(text, $"{path}.memory");
        return new Mem0Item(
            index,
            sourceId,
            userId,
            text,
            Categories(element, path),
            Metadata(element, path),
            Time(element, "created_at", path),
            Time(element, "updated_at", path));
    }

    private static string RequiredText(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw new MemoryValidationException($"{path}.{name}", !item.TryGetProperty(name, out var present) ? "missing" : present.ValueKind == JsonValueKind.String ? "empty" : $"a JSON {Kind(present)}", "a non-empty string");
        }

        return text;
    }

    private static List<string> Categories(JsonElement item, string path)
    {
        if (!item.TryGetProperty("categories", out var categories) || categories.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (categories.ValueKind != JsonValueKind.Array || categories.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
        {
            throw new MemoryValidationException($"{path}.categories", "not an array of strings", "an array of strings, or null");
        }

        return categories.EnumerateArray().Select(c => c.GetString()!).Where(c => c.Length > 0).ToList();
    }

    private static List<KeyValuePair<string, JsonElement>> Metadata(JsonElement item, string path)
    {
        if (!item.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw new MemoryValidationException($"{path}.metadata", $"a JSON {Kind(metadata)}", "an object, or null");
        }

        return metadata.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone())).ToList();
    }

    private static DateTimeOffset? Time(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Mem0 writes ISO 8601 with an offset; a time without one is taken as UTC rather than as this machine's zone.
        if (value.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new MemoryValidationException($"{path}.{name}", "not a time", "an ISO 8601 time such as 2024-07-20T01:23:45-07:00, or null");
        }

        return time;
    }

    private static string? TextOf(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
