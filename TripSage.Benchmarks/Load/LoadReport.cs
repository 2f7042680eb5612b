namespace TripSage.Memory.Benchmarks.Load;

/// <summary>Every figure of one <c>load</c> run.</summary>
internal sealed record LoadReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required string Machine { get; init; }

    public required string Store { get; init; }

    public required LoadOptions Options { get; init; }

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>Process CPU with no call in flight, right after seeding (ms of CPU per second).</summary>
    public required double? IdleCpuMsPerSecondAfterSeeding { get; init; }

    /// <summary>Process CPU with no call in flight, right after the write scenarios (ms of CPU per second).</summary>
    public required double? IdleCpuMsPerSecondAfterWrites { get; init; }

    public required IReadOnlyList<WriteCostPoint> WriteCost { get; init; }

    public required ResidentMemory Resident { get; init; }

    public required ActivationTime Activation { get; init; }

    /// <summary>The smoke run's store check: null when it did not run, else the mismatches found (empty: passed).</summary>
    public IReadOnlyList<string>? SmokeMismatches { get; init; }
}
