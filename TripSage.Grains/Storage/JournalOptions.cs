namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// When a user's journal of changes is folded into a full snapshot (configuration section
/// <c>TripSage:Journal</c>). A write appends one record of its changes; folding rewrites the whole
/// snapshot, so the fewer folds, the cheaper writes are on average, and the more records an
/// activation replays.
/// </summary>
public sealed class JournalOptions
{
    public const string SectionName = "TripSage:Journal";

    /// <summary>
    /// Records after which the journal is folded, whatever their size: bounds the records an
    /// activation replays. Default 1,000.
    /// </summary>
    public int CompactAfterRecords { get; set; } = 1_000;

    /// <summary>
    /// Bytes of sealed records after which the journal is folded, or the size of the last snapshot
    /// when that is larger: the journal never holds more than a snapshot's worth, so an activation
    /// reads at most about twice the snapshot, and a write costs on average at most about twice its
    /// own record, however many memories the user holds. Default 262,144 (256 KiB).
    /// </summary>
    public int CompactAfterBytes { get; set; } = 256 * 1024;
}
