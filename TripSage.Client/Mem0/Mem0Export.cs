using System.Text.Json;

namespace TripSage.Memory.Client.Mem0;

/// <summary>
/// A Mem0 memory export, read and checked before anything is sent to the grid: the items that
/// could be read, and a <c>rejected</c> problem for each that could not.
/// </summary>
public sealed class Mem0Export
{
    private Mem0Export(List<Mem0Item> items, List<Mem0ImportProblem> problems, int count)
    {
        Items = items;
        Problems = problems;
        Count = count;
    }

    /// <summary>Items in the export, read or not.</summary>
    public int Count { get; }

    /// <summary>The items that could not be read, with the field at fault.</summary>
    public IReadOnlyList<Mem0ImportProblem> Problems { get; }

    internal IReadOnlyList<Mem0Item> Items { get; }

    /// <summary>Reads an export: what Mem0's <c>get_all</c> returns, <c>{"results": [...]}</c> or a bare array of items.</summary>
    /// <exception cref="MemoryValidationException">The document is neither shape.</exception>
    public static Mem0Export Read(JsonElement root)
    {
        var (items, problems, count) = Mem0ExportReader.Read(root);
        return new Mem0Export(items, problems, count);
    }

    /// <summary>Reads an export from JSON text.</summary>
    /// <exception cref="MemoryValidationException">The text is not JSON, or not a Mem0 export.</exception>
    public static async Task<Mem0Export> ReadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(json, default, cancellationToken);
            return Read(document.RootElement);
        }
        catch (JsonException invalid)
        {
            throw new MemoryValidationException("document", $"not JSON (line {invalid.LineNumber + 1}, byte {invalid.BytePositionInLine + 1})", "a Mem0 export: {\"results\": [...]} or an array of memories");
        }
    }
}
