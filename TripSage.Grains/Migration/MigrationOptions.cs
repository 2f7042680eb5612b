namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// A store migration (configuration section <c>TripSage:Migration</c>): the store users move to, and how
/// quickly silos notice a change of the rollout. Without <see cref="MigrationTargetOptions.ConnectionString"/>
/// no migration runs and every user lives on the store of <c>TripSage:Store</c>.
/// </summary>
public sealed class MigrationOptions
{
    public const string SectionName = "TripSage:Migration";

    /// <summary>The store users move to (<c>TripSage:Migration:Target</c>).</summary>
    public MigrationTargetOptions Target { get; set; } = new();

    /// <summary>
    /// How often every silo reads the rollout from the source store; a grain active on a store its user no
    /// longer belongs to is deactivated at the latest this long after the change. Default 2 s, from 100 ms to 5 minutes.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one user's copy may hold the user's copy lock before another silo may take it over (a copier
    /// that died mid-copy). Default 30 s, from 1 s to 10 minutes.
    /// </summary>
    public TimeSpan CopyLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one round of <c>migrate copy</c> may take new users (the round then answers with what is left),
    /// kept well below the client's response timeout. Default 4 s, from 1 s to 1 minute.
    /// </summary>
    public TimeSpan CopyRoundTime { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Users one round of <c>migrate copy</c> moves at the same time. Default 8, from 1 to 64.</summary>
    public int CopyParallelism { get; set; } = 8;

    /// <summary>Whether a target store is configured, that is, whether a migration runs.</summary>
    public bool Migrating => !string.IsNullOrWhiteSpace(Target.ConnectionString);
}
