using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Grains.Storage;
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
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<RateLimitKeeper>();
        services.AddSingleton<FailedAuthenticationLimiter>();

        // After the telemetry filter (so refusals are measured), before every grain's own filter.
        builder.AddIncomingGrainCallFilter<CallAdmissionFilter>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<IAuditLog, AuditLog>();
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

        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Memory, (sp, _) => new TypedFailureGrainStorage(new EncryptedGrainStorage(
            new SnapshotStoreTelemetry(sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.SealedSnapshots), sp.GetRequiredService<MemoryMetrics>()),
            sp.GetRequiredService<SnapshotCipher>(),
            sp.GetRequiredService<DataKeyStore>(),
            sp.GetRequiredService<Serializer>())));
        return builder;
    }
}
