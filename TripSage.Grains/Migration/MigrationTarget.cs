using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// The target store's connection and data keys. Data keys kept in a key store of their own (a file folder or
/// a separate Redis) are shared by both stores, so the target uses the source's <see cref="DataKeyStore"/>;
/// data keys kept in the snapshot store move with the user, so the target reads them from the target store.
/// </summary>
internal sealed class MigrationTarget : IAsyncDisposable
{
    private readonly DataKeyStore? _ownDataKeys;

    public MigrationTarget(IOptions<MigrationOptions> migration, IOptions<SnapshotEncryptionOptions> encryption, KeyRing keyRing, DataKeyStore sharedDataKeys)
    {
        var target = migration.Value.Target;
        Connection = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = target.ConnectionString, KeyPrefix = target.KeyPrefix }));
        var separateKeyStore = encryption.Value.KeyStoreConnectionString is { Length: > 0 } || encryption.Value.KeyStorePath is { Length: > 0 };
        _ownDataKeys = separateKeyStore ? null : new DataKeyStore(keyRing, Connection, encryption);
        DataKeys = _ownDataKeys ?? sharedDataKeys;
    }

    public StoreConnection Connection { get; }

    public DataKeyStore DataKeys { get; }

    public async ValueTask DisposeAsync()
    {
        if (_ownDataKeys is not null)
        {
            await _ownDataKeys.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
