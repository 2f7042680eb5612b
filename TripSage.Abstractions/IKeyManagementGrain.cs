namespace TripSage.Memory;

/// <summary>Operations on the grid's encryption keys. Admin only; use the grain with key 0.</summary>
public interface IKeyManagementGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Re-wraps every user's data key under the current master key, so that older master keys can be
    /// removed from the key ring. Snapshots are not rewritten: their data keys do not change.
    /// </summary>
    Task<KeyRotationReport> RewrapDataKeysAsync();
}
