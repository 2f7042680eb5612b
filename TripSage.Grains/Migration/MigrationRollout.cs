namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// The cluster-wide rollout: users whose bucket is below <paramref name="Percent"/> live on the target store.
/// <paramref name="Epoch"/> grows by one with every change, so a silo can tell a newer rollout from the one it holds.
/// </summary>
internal sealed record MigrationRollout(int Percent, long Epoch, DateTimeOffset ChangedAt)
{
    /// <summary>Before any <c>migrate set</c>: every user on the source store.</summary>
    public static readonly MigrationRollout None = new(0, 0, DateTimeOffset.MinValue);
}
