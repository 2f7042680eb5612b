namespace TripSage.Memory;

/// <summary>
/// One entry of a user's audit trail: who did what, when, with which outcome and to which memories.
/// Never contains memory text. <see cref="Hash"/> is an HMAC over the event and the previous event's
/// hash, so a deleted, reordered or altered event breaks the chain.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEvent
{
    /// <summary>Position in the user's trail, from 1, without gaps.</summary>
    [Id(0)] public long Sequence { get; init; }

    /// <summary>When the operation finished.</summary>
    [Id(1)] public DateTimeOffset Time { get; init; }

    /// <summary>The caller's subject (<c>sub</c> claim), or <c>anonymous</c>.</summary>
    [Id(2)] public required string Actor { get; init; }

    /// <summary>The caller's scopes.</summary>
    [Id(3)] public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The operation, such as <c>remember</c> or <c>erase</c>.</summary>
    [Id(4)] public required string Operation { get; init; }

    /// <summary><c>ok</c>, <c>denied</c>, <c>rate_limited</c>, <c>invalid</c>, <c>not_found</c>, <c>rejected</c>, <c>snapshot_unreadable</c> or <c>error</c>.</summary>
    [Id(5)] public required string Outcome { get; init; }

    /// <summary>Ids of the memories the operation touched.</summary>
    [Id(6)] public IReadOnlyList<string> MemoryIds { get; init; } = [];

    /// <summary>The W3C trace id of the call, when it was traced.</summary>
    [Id(7)] public string? TraceId { get; init; }

    /// <summary>Id of the key the chain link was computed with.</summary>
    [Id(8)] public required string KeyId { get; init; }

    /// <summary>Hash of the previous event (empty for the first).</summary>
    [Id(9)] public required string PreviousHash { get; init; }

    /// <summary>HMAC-SHA256 of this event and <see cref="PreviousHash"/>, in hex.</summary>
    [Id(10)] public required string Hash { get; init; }

    /// <summary>Extra facts without user text, such as the rule that flagged a memory.</summary>
    [Id(11)] public string? Detail { get; init; }

    /// <summary>
    /// The user whose trail holds the event. Not part of the hash (each user's chain is its own), but
    /// set on every event read or published: live consumers share stream partitions (<c>AuditStream</c>) and filter by it.
    /// </summary>
    [Id(12)] public string? UserId { get; init; }
}
