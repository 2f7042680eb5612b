using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>The durable per-user audit log (see <see cref="AuditLog"/>).</summary>
internal interface IAuditLog
{
    /// <summary>
    /// Writes pages of any number of users, each with its user's new head mark, in one store command, only while
    /// <paramref name="silo"/>'s fence is in the store; <see langword="false"/> (and nothing written) once it is gone.
    /// </summary>
    Task<bool> WriteAsync(IReadOnlyList<AuditPageWrite> pages, string silo);

    /// <summary>Puts the silo's fence in the store: from now on its flushes write (<see cref="StoreKeys.AuditFence"/>).</summary>
    Task SetFenceAsync(string silo);

    /// <summary>Removes the silos' fences (one command): their flushes write nothing from now on, not even one in flight.</summary>
    Task RemoveFencesAsync(IReadOnlyList<string> silos);

    /// <summary>Keeps pages a fenced-out silo held apart from the trails, appended to each user's <see cref="StoreKeys.AuditAside"/>.</summary>
    Task SetAsideAsync(IReadOnlyList<AuditPageWrite> pages);

    /// <summary>Where the user's trail ends and how many pages it has.</summary>
    Task<AuditLogHead> HeadAsync(string userId);

    /// <summary>Every kept event of the user, ordered by sequence, with the checkpoint and head mark.</summary>
    Task<AuditStoredTrail> ReadAllAsync(string userId);

    /// <summary>The numbers of the user's kept pages (from the checkpoint's first page to the last found), for copying them to another store.</summary>
    Task<IReadOnlyList<long>> PagesAsync(string userId);

    /// <summary>The oldest kept event, or <see langword="null"/> for an empty trail.</summary>
    Task<AuditEvent?> OldestAsync(string userId);

    /// <summary>Where the retained trail starts, or <see langword="null"/> when retention never removed anything.</summary>
    Task<AuditCheckpoint?> CheckpointAsync(string userId);

    /// <summary>
    /// Records the checkpoint and removes the events it covers (fields of the earlier format from
    /// <paramref name="legacyFrom"/>, and <paramref name="pages"/>); a checkpoint not past the stored one changes nothing.
    /// </summary>
    Task TrimAsync(string userId, AuditCheckpoint checkpoint, long legacyFrom, IReadOnlyList<long> pages);
}
