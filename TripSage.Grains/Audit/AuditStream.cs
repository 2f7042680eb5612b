using System.Text;
using Orleans.Runtime;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The Orleans streams every durable audit event is published on, for live consumers. Users share
/// a fixed number of partitions (<see cref="Partitions"/>), so the stream costs that many pub/sub
/// activations on the whole grid instead of one per user; a consumer of one user subscribes to
/// <see cref="For"/> and keeps the events whose <see cref="AuditEvent.UserId"/> is that user.
/// </summary>
public static class AuditStream
{
    /// <summary>Name of the stream provider.</summary>
    public const string ProviderName = "audit";

    /// <summary>How many streams the users are spread over.</summary>
    public const int Partitions = 16;

    /// <summary>
    /// The stream carrying a user's events (namespace <c>audit</c>, key <c>partition-{n}</c>), shared
    /// with the other users of its partition: filter by <see cref="AuditEvent.UserId"/>.
    /// </summary>
    public static StreamId For(string userId) => Partition(PartitionOf(userId));

    /// <summary>The stream of partition <paramref name="partition"/> (0 to <see cref="Partitions"/> − 1).</summary>
    public static StreamId Partition(int partition) => StreamId.Create(ProviderName, $"partition-{partition}");

    /// <summary>A stable hash of the user id (FNV-1a over UTF-8), the same on every silo and version.</summary>
    public static int PartitionOf(string userId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(userId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Partitions);
    }
}
