namespace TripSage.Memory;

/// <summary>The result of checking a user's audit trail.</summary>
/// <param name="Valid">Whether every event is present, in order, and unaltered.</param>
/// <param name="EventCount">How many events the trail holds.</param>
/// <param name="FirstBadSequence">The first sequence number at which the chain breaks, if any.</param>
/// <param name="Problem">What is wrong there; null on a valid trail.</param>
/// <param name="SetAsidePages">
/// Audit pages of this user that a silo held when the cluster declared it dead, kept aside in the store
/// (key <c>tripsage:audit-aside:&lt;user&gt;</c>) instead of written over the trail; the trail can be valid
/// without them. 0 when there are none.
/// </param>
[GenerateSerializer, Immutable]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long EventCount,
    [property: Id(2)] long? FirstBadSequence,
    [property: Id(3)] string? Problem,
    [property: Id(4)] long SetAsidePages = 0);
