namespace TripSage.Memory.Client.Mem0;

/// <summary>What an import of a Mem0 export did.</summary>
/// <param name="Items">Items in the export.</param>
/// <param name="Users">Distinct users among the items that could be read.</param>
/// <param name="Imported">Memories added to the grid.</param>
/// <param name="Duplicates">Items the user already held (imported by an earlier run, or the same text): nothing was added.</param>
/// <param name="Rejected">Items that cannot be imported as they are (see <paramref name="Problems"/>).</param>
/// <param name="NotImported">Items the grid refused for a reason that may pass (a rate limit, say); running the import again resumes.</param>
/// <param name="Problems">Every rejected or not-imported item, and every item whose metadata was only partly kept, with the reason.</param>
public sealed record Mem0ImportSummary(
    int Items,
    int Users,
    int Imported,
    int Duplicates,
    int Rejected,
    int NotImported,
    IReadOnlyList<Mem0ImportProblem> Problems);
