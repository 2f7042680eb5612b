namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The four operations the load scenarios drive, as the grid and the stateless baseline each serve
/// them: one driver, one set of users and texts, two implementations.
/// </summary>
internal interface ILoadTarget
{
    /// <summary>Short name used in tables and JSON: <c>grid</c>, <c>grid-http</c> or <c>baseline</c>.</summary>
    string Name { get; }

    /// <summary>Keyword search; returns the number of hits.</summary>
    Task<int> SearchAsync(string userId, string text);

    /// <summary>Builds the user's context; returns the number of memories in it.</summary>
    Task<int> ContextAsync(string userId);

    /// <summary>Gets one memory; returns whether it was found.</summary>
    Task<bool> GetAsync(string userId, string memoryId);

    /// <summary>Remembers one memory; returns its id once the write is acknowledged.</summary>
    Task<string> RememberAsync(string userId, NewMemory memory);

    /// <summary>Puts <paramref name="memories"/> into a new user before the scenarios; returns their ids.</summary>
    Task<IReadOnlyList<string>> SeedAsync(string userId, IReadOnlyList<NewMemory> memories);
}
