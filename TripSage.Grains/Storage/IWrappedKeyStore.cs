namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Where the users' wrapped data keys are kept: user id → <c>masterKeyId:dataKeyId:base64(wrapped)</c>.
/// <see cref="DataKeyStore"/> does the wrapping and decides where keys go; an implementation only
/// keeps the strings, and says through <see cref="CompactAsync"/> when a removed one is gone from
/// its files too.
/// </summary>
internal interface IWrappedKeyStore : IAsyncDisposable
{
    /// <summary>The user's wrapped key, or null when there is none.</summary>
    Task<string?> GetAsync(string userId);

    /// <summary>Stores the user's wrapped key unless one is there already; true when this one was stored.</summary>
    Task<bool> AddAsync(string userId, string wrapped);

    /// <summary>Replaces the user's wrapped key only if it is still <paramref name="expected"/>; true when replaced.</summary>
    Task<bool> ReplaceAsync(string userId, string expected, string replacement);

    /// <summary>Removes the user's wrapped key from the live data (its old copies may stay in files until <see cref="CompactAsync"/>).</summary>
    Task RemoveAsync(string userId);

    /// <summary>Every stored user id with its wrapped key.</summary>
    IAsyncEnumerable<KeyValuePair<string, string>> ListAsync();

    /// <summary>
    /// Returns once no file of this store holds a value removed or replaced before the call: the
    /// moment an erase is shredded. A store that cannot do this (the snapshot store, which the grid
    /// does not compact) returns at once, and <see cref="Shreds"/> says so.
    /// </summary>
    Task CompactAsync();

    /// <summary>Whether <see cref="CompactAsync"/> really removes old copies from the store's files.</summary>
    bool Shreds { get; }
}
