namespace TripSage.Memory;

/// <summary>Outcome of one remembered item.</summary>
public enum RememberStatus
{
    /// <summary>Stored as a new memory.</summary>
    Stored = 0,

    /// <summary>The user already holds a memory with exactly this text; nothing was stored.</summary>
    Duplicate = 1,
}
