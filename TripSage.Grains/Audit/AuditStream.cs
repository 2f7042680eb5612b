using Orleans.Runtime;

namespace TripSage.Memory.Grains.Audit;

/// <summary>The Orleans stream every audit event is published on, for live consumers.</summary>
public static class AuditStream
{
    /// <summary>Name of the stream provider.</summary>
    public const string ProviderName = "audit";

    /// <summary>The stream of one user's events (namespace <c>audit</c>, key: the user id).</summary>
    public static StreamId For(string userId) => StreamId.Create(ProviderName, userId);
}
