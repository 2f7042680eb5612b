namespace TripSage.Memory.Grains.Security.Content;

/// <summary>What the content policy does with a text that matched a rule.</summary>
internal enum ContentAction
{
    /// <summary>Stored and served as usual, with the rule id in its flags.</summary>
    Flag = 0,

    /// <summary>Stored with the rule id in its flags, but left out of search and context until an admin releases it.</summary>
    Quarantine = 1,

    /// <summary>Not stored: the whole request fails with <see cref="MemoryRejectedException"/>.</summary>
    Reject = 2,
}
