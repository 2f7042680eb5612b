namespace TripSage.Memory.Client.Mem0;

/// <summary>An item of a Mem0 export that was not imported, or imported without part of what it carried, and why.</summary>
/// <param name="Item">The item's position in the export (<c>items[i]</c>, counting from 0).</param>
/// <param name="SourceId">Mem0's id of the item, when it had one.</param>
/// <param name="UserId">The item's user, when it had one.</param>
/// <param name="Outcome"><c>rejected</c> (the item cannot be imported as it is), <c>not_imported</c> (the grid refused the call for a reason that may pass later; running the import again resumes) or <c>metadata_dropped</c> (imported, without the fields named).</param>
/// <param name="Reason">What was wrong, naming the field.</param>
public sealed record Mem0ImportProblem(int Item, string? SourceId, string? UserId, string Outcome, string Reason)
{
    /// <summary>The item cannot be imported as it is.</summary>
    public const string Rejected = "rejected";

    /// <summary>The grid refused the call for a reason that may pass later (a rate limit, say).</summary>
    public const string NotImported = "not_imported";

    /// <summary>The item was imported, but some of its metadata could not be kept as tags.</summary>
    public const string MetadataDropped = "metadata_dropped";
}
