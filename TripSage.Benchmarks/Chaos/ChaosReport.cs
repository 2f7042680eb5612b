namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>What a <c>chaos</c> scenario measured and what the final check found; <see cref="ChaosTable"/> prints it.</summary>
internal sealed record ChaosReport
{
    /// <summary>The subcommand's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>The cluster, the load and the fault, in one line.</summary>
    public required string Description { get; init; }

    public required IReadOnlyList<CallSample> Calls { get; init; }

    /// <summary>The first message seen of each error name.</summary>
    public required IReadOnlyDictionary<string, string> ErrorExamples { get; init; }

    /// <summary>When faults were caused and recovered from: calls started inside are counted "during", the rest "outside".</summary>
    public required IReadOnlyList<Disruption> Disruptions { get; init; }

    /// <summary>The scenario's own figures, after the shared ones.</summary>
    public IReadOnlyList<(string Figure, string Value)> Figures { get; init; } = [];

    /// <summary>One row per fault caused (a kill, an outage, a restart), under <see cref="EventHeader"/>.</summary>
    public required IReadOnlyList<string> EventHeader { get; init; }

    public required IReadOnlyList<IReadOnlyList<string>> Events { get; init; }

    public required CheckResult Check { get; init; }

    /// <summary>What the scenario itself requires and did not see (besides the check), e.g. a silo that had to be restarted.</summary>
    public IReadOnlyList<string> ScenarioFailures { get; init; } = [];

    public bool Passed => Check.Passed && ScenarioFailures.Count == 0;
}
