namespace TripSage.Memory.Benchmarks.Load;

/// <summary>The figures of one scenario on one side, as printed and written to JSON.</summary>
internal sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    public required string Target { get; init; }

    public required int Callers { get; init; }

    public required long Operations { get; init; }

    public required long Errors { get; init; }

    public required double Seconds { get; init; }

    public double OperationsPerSecond => Seconds > 0 ? Operations / Seconds : 0;

    public required double P50Ms { get; init; }

    public required double P95Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    /// <summary>Process CPU time over operations: client, silo and (embedded) store share the process.</summary>
    public required double CpuMsPerOperation { get; init; }

    /// <summary>Commands the store processed over operations, measured on the store; null when not counted.</summary>
    public required double? StoreCommandsPerOperation { get; init; }

    /// <summary>Bytes clients sent the store over operations, measured on the store; null when not counted.</summary>
    public required double? StoreInputBytesPerOperation { get; init; }

    /// <summary>What the figures need to be read with, such as writes the baseline lost.</summary>
    public string? Note { get; init; }
}
