using System.Text;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// Which of the 100 rollout buckets a user is in. A contract: every silo, every version and the CLI must
/// put a user in the same bucket, or a user would be served from two stores. The bucket is the 32-bit
/// FNV-1a hash (offset basis 2166136261, prime 16777619) of the user id's UTF-8 bytes, modulo 100.
/// A user whose bucket is below the rollout percentage lives on the target store.
/// </summary>
internal static class RolloutBuckets
{
    public const int Count = 100;

    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The user's bucket, 0 to 99.</summary>
    public static int Of(string userId)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(userId))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % Count);
    }

    /// <summary>Whether the user lives on the target store at <paramref name="percent"/> (0 to 100).</summary>
    public static bool OnTarget(string userId, int percent) => Of(userId) < percent;
}
