using System.Security.Cryptography;
using System.Text;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// A user id as telemetry may carry it: the first bytes of SHA-256 over a fixed label and the id,
/// in hex. An operator who knows a user id can compute it to find that user's traces; telemetry
/// alone does not reveal the id. It is pseudonymous, not anonymous: ids from a small known set
/// (for example e-mail addresses of known users) can be guessed and hashed too. Public because the
/// host's span processor redacts Orleans' own span attributes with the same hash.
/// </summary>
public static class UserIdHash
{
    private const string Label = "tripsage/user-id/v1\0";

    // 64 bits: unique enough to tell users apart in traces, short enough to read.
    private const int HashBytes = 8;

    /// <summary>The hash of <paramref name="userId"/> as telemetry carries it.</summary>
    public static string Of(string userId)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Label + userId), digest);
        return Convert.ToHexStringLower(digest[..HashBytes]);
    }
}
