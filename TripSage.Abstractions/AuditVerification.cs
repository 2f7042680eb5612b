namespace TripSage.Memory;

/// <summary>The result of checking a user's audit trail.</summary>
/// <param name="Valid">Whether every event is present, in order, and unaltered.</param>
/// <param name="EventCount">How many events the trail holds.</param>
/// <param name="FirstBadSequence">The first sequence number at which the chain breaks, if any.</param>
/// <param name="Problem">What is wrong there, if anything; on a valid trail, a note for the operator, if any (audit pages kept aside).</param>
[GenerateSerializer, Immutable]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long EventCount,
    [property: Id(2)] long? FirstBadSequence,
    [property: Id(3)] string? Problem);
