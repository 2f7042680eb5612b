using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TripSage.Memory.Client.Mem0;

/// <summary>
/// Turns a Mem0 item into a grid memory record. The record's id is derived from Mem0's id, so
/// importing the same export again finds every item already held and adds nothing; Mem0's id is
/// also kept as the tag <see cref="SourceIdTag"/>. Mem0's times are kept; its categories become the
/// record's category (the first one the grid accepts) and the tag <see cref="CategoriesTag"/>; its
/// metadata's scalar fields become tags. What cannot be kept is reported, never silently lost.
/// </summary>
internal static partial class Mem0Mapping
{
    /// <summary>The tag holding Mem0's id of the memory.</summary>
    public const string SourceIdTag = "mem0_id";

    /// <summary>The tag holding Mem0's categories, comma-separated.</summary>
    public const string CategoriesTag = "mem0_categories";

    /// <summary>The record's <see cref="MemoryRecord.Source"/>.</summary>
    public const string Source = "mem0";

    // The grid's default limits (MemoryOptions); a grid configured tighter refuses the item, and the
    // importer reports it with the grid's own message.
    private const int MaxTags = 16;
    private const int MaxTagKeyLength = 64;
    private const int MaxTagValueLength = 256;
    private const int MaxCategoryLength = 64;

    /// <summary>The grid memory id an item with Mem0 id <paramref name="sourceId"/> is imported as.</summary>
    public static string MemoryIdOf(string sourceId) =>
        "mem0-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..32];

    /// <summary>The record for <paramref name="item"/>, and the metadata fields it could not keep.</summary>
    public static (MemoryRecord Record, List<string> Dropped) ToRecord(Mem0Item item, DateTimeOffset now)
    {
        var path = $"items[{item.Index}]";
        var dropped = new List<string>();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        AddTag(tags, SourceIdTag, item.SourceId, $"{path}.id", dropped);
        if (item.Categories.Count > 0)
        {
            AddTag(tags, CategoriesTag, string.Join(',', item.Categories), $"{path}.categories", dropped);
        }

        foreach (var (key, value) in item.Metadata)
        {
            var field = $"{path}.metadata.{key}";
            if (key is SourceIdTag or CategoriesTag || !TagKeyPattern().IsMatch(key) || key.Length > MaxTagKeyLength)
            {
                dropped.Add($"{field}: the name is not a tag key the grid accepts (1 to {MaxTagKeyLength} letters, digits, '.', '_', ':', '-'; not {SourceIdTag} or {CategoriesTag})");
            }
            else if (ScalarText(value) is not { } text)
            {
                dropped.Add($"{field}: a JSON {value.ValueKind.ToString().ToLowerInvariant()}; only strings, numbers and true/false become tags");
            }
            else if (tags.Count >= MaxTags)
            {
                dropped.Add($"{field}: the memory already has {MaxTags} tags, the most the grid keeps");
            }
            else
            {
                AddTag(tags, key, text, field, dropped);
            }
        }

        var created = item.CreatedAt ?? now;
        var record = new MemoryRecord
        {
            Id = MemoryIdOf(item.SourceId),
            Text = item.Text,
            Category = item.Categories.Select(c => c.ToLowerInvariant()).FirstOrDefault(c => c.Length <= MaxCategoryLength && CategoryPattern().IsMatch(c)),
            Tags = tags,
            Source = Source,
            CreatedAt = created,
            UpdatedAt = item.UpdatedAt is { } updated && updated > created ? updated : created,
        };
        return (record, dropped);
    }

    private static void AddTag(Dictionary<string, string> tags, string key, string value, string field, List<string> dropped)
    {
        if (value.Length is 0 or > MaxTagValueLength || value.Any(char.IsControl))
        {
            dropped.Add($"{field}: not kept as a tag (tag values are 1 to {MaxTagValueLength} characters without control characters)");
            return;
        }

        tags[key] = value;
    }

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}
