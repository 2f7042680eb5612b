using Orleans.Storage;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Security.RateLimiting;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// One store a user's keys can live on, with what the user's grain reads and writes there: the encrypted
/// snapshots, the journal, the audit log (and the appender that writes its pages: a user's audit pages go to the store
/// the user lives on) and the kept rate limits. The grid has one (the source) and, while a migration runs, a second (the target).
/// </summary>
internal sealed class UserStore(string name, StoreConnection connection, IGrainStorage snapshots, AuditAppender auditAppender, RateLimitKeeper rateLimits, IJournalLog journal)
{
    public const string SourceName = "source";
    public const string TargetName = "target";

    /// <summary><see cref="SourceName"/> or <see cref="TargetName"/>, as recorded in the placement hash.</summary>
    public string Name { get; } = name;

    public StoreConnection Connection { get; } = connection;

    public IGrainStorage Snapshots { get; } = snapshots;

    public IAuditLog AuditLog => AuditAppender.Log;

    public AuditAppender AuditAppender { get; } = auditAppender;

    public RateLimitKeeper RateLimits { get; } = rateLimits;

    public IJournalLog Journal { get; } = journal;
}
