using System.Text.Json;

namespace TripSage.Memory.Client.Mem0;

/// <summary>One memory of a Mem0 export, as its <c>get_all</c> returns it, read but not yet mapped.</summary>
/// <param name="Index">Position of the item in the export, for reports.</param>
/// <param name="SourceId">Mem0's id of the memory.</param>
/// <param name="UserId">The user the memory belongs to.</param>
/// <param name="Text">Mem0's <c>memory</c> field.</param>
/// <param name="Categories">Mem0's <c>categories</c>, in order.</param>
/// <param name="Metadata">Mem0's <c>metadata</c> object, as sent.</param>
/// <param name="CreatedAt">Mem0's <c>created_at</c>, when given.</param>
/// <param name="UpdatedAt">Mem0's <c>updated_at</c>, when given.</param>
internal sealed record Mem0Item(
    int Index,
    string SourceId,
    string UserId,
    string Text,
    IReadOnlyList<string> Categories,
    IReadOnlyList<KeyValuePair<string, JsonElement>> Metadata,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt);
