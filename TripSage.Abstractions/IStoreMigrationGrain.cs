namespace TripSage.Memory;

/// <summary>
/// A store migration of the whole grid (<c>tripsage migrate</c>): the staged rollout of users to the target
/// store (<c>TripSage:Migration:Target</c>), the background copy, verification and the final deletion of
/// moved users' source keys. Admin only; use the grain with key 0.
/// </summary>
public interface IStoreMigrationGrain : IGrainWithIntegerKey
{
    /// <summary>The rollout and how many users live on each store.</summary>
    Task<MigrationStatus> GetStatusAsync();

    /// <summary>
    /// Sets the rollout percentage (0 to 100): users whose bucket is below it live on the target store.
    /// Raising it moves users forward; lowering it moves users back (rollback), each at its next activation
    /// or by <see cref="CopyAsync"/>.
    /// </summary>
    Task<MigrationStatus> SetPercentAsync(int percent);

    /// <summary>
    /// Moves up to <paramref name="maxUsers"/> users that are not where the rollout says, without waiting for
    /// their grains to activate: users back to the source store, and users forward to the target store whose
    /// bucket is below <paramref name="percent"/> (at most the rollout percentage).
    /// </summary>
    Task<MigrationCopyReport> CopyAsync(int percent, int maxUsers);

    /// <summary>
    /// Compares every user moved to the target store with the source copy it was made from: the same
    /// memories, preferences and audit head, or a target whose audit trail continues the source's.
    /// </summary>
    Task<MigrationVerifyReport> VerifyAsync();

    /// <summary>Deletes the source keys of users on the target store whose copy passed verification.</summary>
    Task<MigrationFinishReport> FinishAsync();
}
