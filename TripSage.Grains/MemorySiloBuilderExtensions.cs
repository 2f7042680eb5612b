using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.WarmUp;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Grains.Validation;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Grains;

/// <summary>Adds the memory grid's grains and their encrypted storage to a silo.</summary>
public static class MemorySiloBuilderExtensions
{
    /// <summary>
    /// Registers the user memory grain, its limits (<c>TripSage:Memory</c>), the snapshot key ring
    /// (<c>TripSage:Encryption</c>) and the encrypted Redis-compatible storage (<c>TripSage:Store</c>),
    /// all validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddTripSageMemory(this ISiloBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        builder.AddMemoryTelemetry();
        services.AddValidatedOptions<MemoryOptions, MemoryOptionsValidator>(configuration, MemoryOptions.SectionName);
        services.AddValidatedOptions<SnapshotEncryptionOptions, SnapshotEncryptionOptionsValidator>(configuration, SnapshotEncryptionOptions.SectionName);
        services.AddValidatedOptions<StoreOptions, StoreOptionsValidator>(configuration, StoreOptions.SectionName);
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration, RateLimitOptions.SectionName);
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(configuration, AuditOptions.SectionName);
        services.AddValidatedOptions<AdmissionOptions, AdmissionOptionsValidator>(configuration, AdmissionOptions.SectionName);
        services.AddValidatedOptions<MigrationOptions, MigrationOptionsValidator>(configuration, MigrationOptions.SectionName);
        services.AddValidatedOptions<JournalOptions, JournalOptionsValidator>(configuration, JournalOptions.SectionName);
        // Orleans' placement gives up with Polly's timeout exception, which Orleans does not serialize by default:
        // the client got CodecNotFoundException instead. Accepted, it reaches the client, whose call policy knows it.
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add(typeof(Polly.Timeout.TimeoutRejectedException).Namespace!));
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<RateLimitKeeper>();
        services.AddSingleton<FailedAuthenticationLimiter>();

        // After the telemetry filter (so refusals are measured), before every grain's own filter.
        builder.AddIncomingGrainCallFilter<CallAdmissionFilter>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<IAuditLog, AuditLog>();

        // The source store's appender; a migration's target store has its own (AddStoreRouting).
        services.AddSingleton<AuditAppender>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<AuditAppender>());

        services.TryAddKeyedSingleton(MemoryClock.Key, TimeProvider.System);
        services.AddSingleton(sp => new MemoryRequestValidator(sp.GetRequiredService<IOptions<MemoryOptions>>().Value));
        services.AddTripSageSearch(configuration);
        services.AddContentSecurity(configuration);
        services.AddSingleton<KeyRing>();
        services.AddSingleton<SnapshotCipher>();
        services.AddSingleton<DataKeyStore>();
        services.AddSingleton<StoreConnection>();
        services.AddSingleton<IJournalLog, JournalLog>();

        // Before the gateway opens: the model loaded and a call's steps compiled (TripSage:WarmUp).
        services.AddValidatedOptions<WarmUpOptions, WarmUpOptionsValidator>(configuration, WarmUpOptions.SectionName);
        services.AddSingleton<SiloWarmUp>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloWarmUp>());

        builder.AddRedisGrainStorage(StorageNames.SealedSnapshots, options => options.Configure<StoreConnection>((redis, connection) =>
        {
            redis.ConfigurationOptions = connection.Configuration;
            redis.DeleteStateOnClear = true;
            redis.GrainStorageSerializer = new SealedSnapshotSerializer();
            redis.CreateMultiplexer = async _ => ((IConnectionMultiplexer)await connection.GetAsync(), IsShared: true);
            redis.GetStorageKey = (_, grainId) => StoreKeys.Snapshot(connection.KeyPrefix, grainId.Key.ToString()!);
        }));
        // Reminders wake a user's grain when a memory expires, even when nobody calls it: that is
        // what deletes expired memories of inactive users from the store.
        builder.UseRedisReminderService(_ => { });
        services.AddOptions<RedisReminderTableOptions>().Configure<StoreConnection>((reminders, connection) =>
        {
            reminders.ConfigurationOptions = connection.Configuration;
            reminders.CreateMultiplexer = async _ => ((IConnectionMultiplexer)await connection.GetAsync(), IsShared: true);
        });
        // Live audit consumers subscribe here; the durable record is the audit log in the store.
        builder.AddMemoryStreams(AuditStream.ProviderName);
        builder.AddMemoryGrainStorage("PubSubStore");

        AddStoreRouting(builder, configuration.GetSection(MigrationOptions.SectionName).Get<MigrationOptions>()?.Migrating == true);
        return builder;
    }

    /// <summary>
    /// The memory's grain storage: routed per user between the source store and, while a migration runs
    /// (<c>TripSage:Migration:Target</c>), the target store, each with its own Redis provider, audit log
    /// and appender, and kept rate limits. Without a migration every user is on the source store, as before.
    /// </summary>
    private static void AddStoreRouting(ISiloBuilder builder, bool migrating)
    {
        var services = builder.Services;
        services.AddSingleton<MigrationLedger>();
        services.AddSingleton<UserKeyTransfer>();
        if (migrating)
        {
            services.AddSingleton<MigrationTarget>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<UserStoreRouter>().Target!.AuditAppender);
            builder.AddRedisGrainStorage(StorageNames.SealedSnapshotsOnTarget, options => options.Configure<MigrationTarget>((redis, target) =>
            {
                redis.ConfigurationOptions = target.Connection.Configuration;
                redis.DeleteStateOnClear = true;
                redis.GrainStorageSerializer = new SealedSnapshotSerializer();
                redis.CreateMultiplexer = async _ => ((IConnectionMultiplexer)await target.Connection.GetAsync(), IsShared: true);
                redis.GetStorageKey = (_, grainId) => StoreKeys.Snapshot(target.Connection.KeyPrefix, grainId.Key.ToString()!);
            }));
        }

        services.AddSingleton(sp =>
        {
            var source = new UserStore(
                UserStore.SourceName,
                sp.GetRequiredService<StoreConnection>(),
                SealedSnapshots(sp, StorageNames.SealedSnapshots, sp.GetRequiredService<DataKeyStore>()),
                sp.GetRequiredService<AuditAppender>(),
                sp.GetRequiredService<RateLimitKeeper>(),
                sp.GetRequiredService<IJournalLog>());
            UserStore? target = null;
            if (migrating)
            {
                var store = sp.GetRequiredService<MigrationTarget>();
                target = new UserStore(
                    UserStore.TargetName,
                    store.Connection,
                    SealedSnapshots(sp, StorageNames.SealedSnapshotsOnTarget, store.DataKeys),
                    new AuditAppender(
                        new AuditLog(store.Connection),
                        sp,
                        sp.GetRequiredService<IOptions<AuditOptions>>(),
                        sp.GetRequiredService<MemoryMetrics>(),
                        sp.GetRequiredService<ILogger<AuditAppender>>()),
                    new RateLimitKeeper(sp.GetRequiredService<IOptions<RateLimitOptions>>(), sp.GetRequiredKeyedService<TimeProvider>(MemoryClock.Key), store.Connection),
                    new JournalLog(store.Connection));
            }

            return new UserStoreRouter(
                source,
                target,
                sp.GetRequiredService<MigrationLedger>(),
                sp.GetRequiredService<UserKeyTransfer>(),
                sp.GetRequiredService<IOptions<MigrationOptions>>().Value,
                sp.GetRequiredService<ILogger<UserStoreRouter>>());
        });
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Memory, (sp, _) => new TypedFailureGrainStorage(new RoutedGrainStorage(sp.GetRequiredService<UserStoreRouter>())));
    }

    private static EncryptedGrainStorage SealedSnapshots(IServiceProvider sp, string providerName, DataKeyStore dataKeys) => new(
        new SnapshotStoreTelemetry(sp.GetRequiredKeyedService<IGrainStorage>(providerName), sp.GetRequiredService<MemoryMetrics>()),
        sp.GetRequiredService<SnapshotCipher>(),
        dataKeys,
        sp.GetRequiredService<Serializer>());
}
