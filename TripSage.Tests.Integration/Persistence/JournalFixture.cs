using System.Globalization;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>One store and one test cluster for the journal tests of one store kind; the journal is folded after <see cref="CompactAfterRecords"/> records.</summary>
public abstract class JournalFixture : IAsyncLifetime
{
    public const int CompactAfterRecords = 5;

    /// <summary>Folds by record count only: the byte threshold is set as high as allowed.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        [$"{JournalOptions.SectionName}:CompactAfterRecords"] = CompactAfterRecords.ToString(CultureInfo.InvariantCulture),
        [$"{JournalOptions.SectionName}:CompactAfterBytes"] = (512 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
    };

    private TestStore? _store;
    private MemoryCluster? _memory;

    public TestStore Store => _store ?? throw new InvalidOperationException("The store is not installed.");

    public MemoryCluster Memory => _memory ?? throw new InvalidOperationException("The store is not installed.");

    public async Task InitializeAsync()
    {
        if (!StoreAvailable())
        {
            return;
        }

        _store = await StartStoreAsync();
        _memory = await MemoryCluster.StartAsync(_store, Settings);
    }

    public async Task DisposeAsync()
    {
        if (_memory is not null)
        {
            await _memory.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected abstract bool StoreAvailable();

    protected abstract Task<TestStore> StartStoreAsync();
}
