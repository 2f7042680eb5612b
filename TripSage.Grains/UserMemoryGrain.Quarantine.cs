namespace TripSage.Memory.Grains;

/// <summary>Quarantine: the user grain's side of the content policy (<see cref="Security.ContentScreen"/>).</summary>
internal sealed partial class UserMemoryGrain
{
    /// <summary>
    /// Serves a quarantined memory again. The flags stay, so the memory still says which rules its
    /// text matched; the version does not change, because the user's words did not.
    /// </summary>
    public async Task<MemoryRecord> ReleaseQuarantineAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        if (!Data.Memories.TryGetValue(memoryId, out var current) || !IsLive(current, time.GetUtcNow()))
        {
            throw new MemoryNotFoundException(memoryId);
        }

        if (!current.Quarantined)
        {
            return current;
        }

        var released = current with { Quarantined = false };
        Drop(current.Id);
        Put(released);
        _call?.Touch(memoryId);
        await PersistAsync();
        return released;
    }
}
