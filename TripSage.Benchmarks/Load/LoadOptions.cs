using System.Text.Json.Serialization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>What one <c>load</c> run does; every default is named here, the smoke run's too.</summary>
internal sealed record LoadOptions
{
    public const int DefaultUsers = 1_000;
    public const int DefaultMemoriesPerUser = 20;
    public const int DefaultReadCallers = 16;
    public const int DefaultWriteCallers = 64;
    public const int DefaultResidentUsers = 2_000;
    public const int DefaultActivationMemories = 1_000;
    public const int DefaultActivationRepeats = 7;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<int> DefaultCurve = [100, 1_000, 10_000];

    /// <summary>
    /// The smoke run CI takes: small enough to finish in well under a minute on a busy 2-core
    /// machine, big enough that every scenario and the store check run for real.
    /// </summary>
    public static LoadOptions Smoke(string? store, FileInfo? json) => new()
    {
        Users = 50,
        MemoriesPerUser = 10,
        Duration = TimeSpan.FromSeconds(1),
        Curve = [100],
        ResidentUsers = 50,
        ActivationMemories = 200,
        ActivationRepeats = 2,
        Store = store,
        Json = json,
        IsSmoke = true,

        // Garnet reports its counters only once a second, so counting costs two waits of over a
        // second per scenario: more than the smoke run's whole budget. The smoke run checks data, not cost.
        CountStoreCommands = false,
        MeasureIdleCpu = false,
    };

    /// <summary>Users of the read and many-user write scenarios.</summary>
    public int Users { get; init; } = DefaultUsers;

    /// <summary>Memories each of those users holds before the scenarios run.</summary>
    public int MemoriesPerUser { get; init; } = DefaultMemoriesPerUser;

    /// <summary>Concurrent callers of the read scenarios.</summary>
    public int ReadCallers { get; init; } = DefaultReadCallers;

    /// <summary>Concurrent callers of the many-user and hot-user write scenarios.</summary>
    public int WriteCallers { get; init; } = DefaultWriteCallers;

    /// <summary>How long each scenario runs, per side (grid, then baseline).</summary>
    public TimeSpan Duration { get; init; } = DefaultDuration;

    /// <summary>User sizes (memories) the write-cost curve is measured at.</summary>
    public IReadOnlyList<int> Curve { get; init; } = DefaultCurve;

    /// <summary>Users activated for the resident-bytes figure.</summary>
    public int ResidentUsers { get; init; } = DefaultResidentUsers;

    /// <summary>Memories of the user whose cold activation is timed.</summary>
    public int ActivationMemories { get; init; } = DefaultActivationMemories;

    /// <summary>How many cold activations are timed.</summary>
    public int ActivationRepeats { get; init; } = DefaultActivationRepeats;

    /// <summary>A StackExchange.Redis connection string of an external store; the embedded Garnet when null.</summary>
    public string? Store { get; init; }

    /// <summary>Where to write every figure as JSON, if anywhere.</summary>
    [JsonIgnore]
    public FileInfo? Json { get; init; }

    /// <summary>Folder the charts are written into.</summary>
    [JsonIgnore]
    public DirectoryInfo ChartFolder { get; init; } = new(Path.Combine("docs", "benchmarks"));

    /// <summary>Whether to count the store's commands and received bytes around each scenario.</summary>
    public bool CountStoreCommands { get; init; } = true;

    /// <summary>Whether to measure the process's CPU with no call in flight (two windows of <see cref="IdleCpu.Window"/>).</summary>
    public bool MeasureIdleCpu { get; init; } = true;

    /// <summary>Whether this is the smoke run, which ends with the store check.</summary>
    public bool IsSmoke { get; init; }
}
