using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Validation;

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
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SnapshotEncryptionOptions>().Bind(configuration.GetSection(SnapshotEncryptionOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MemoryOptions>, MemoryOptionsValidator>();
        services.AddSingleton<IValidateOptions<SnapshotEncryptionOptions>, SnapshotEncryptionOptionsValidator>();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();

        services.TryAddKeyedSingleton(MemoryClock.Key, TimeProvider.System);
        services.AddSingleton(sp => new MemoryRequestValidator(sp.GetRequiredService<IOptions<MemoryOptions>>().Value));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<SnapshotCipher>();
        services.AddSingleton<StoreConnection>();

        builder.AddRedisGrainStorage(StorageNames.SealedSnapshots, options => options.Configure<StoreConnection>((redis, connection) =>
        {
            redis.ConfigurationOptions = connection.Configuration;
            redis.DeleteStateOnClear = true;
            redis.GrainStorageSerializer = new SealedSnapshotSerializer();
            redis.CreateMultiplexer = async _ => ((IConnectionMultiplexer)await connection.GetAsync(), IsShared: true);
            redis.GetStorageKey = (_, grainId) => StoreConnection.SnapshotKey(connection.KeyPrefix, grainId.Key.ToString()!);
        }));
        // Reminders wake a user's grain when a memory expires, even when nobody calls it: that is
        // what deletes expired memories of inactive users from the store.
        builder.UseRedisReminderService(_ => { });
        services.AddOptions<RedisReminderTableOptions>().Configure<StoreConnection>((reminders, connection) =>
        {
            reminders.ConfigurationOptions = connection.Configuration;
            reminders.CreateMultiplexer = async _ => ((IConnectionMultiplexer)await connection.GetAsync(), IsShared: true);
        });
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Memory, (sp, _) => new EncryptedGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.SealedSnapshots),
            sp.GetRequiredService<SnapshotCipher>(),
            sp.GetRequiredService<Serializer>()));
        return builder;
    }
}
