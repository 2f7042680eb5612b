namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>What a <c>chaos kill-silo</c> run measured and what the final check found.</summary>
internal sealed record KillSiloReport
{
    public required KillSiloOptions Options { get; init; }

    public required int AcknowledgedWrites { get; init; }

    public required IReadOnlyDictionary<string, int> FailedCallsByError { get; init; }

    /// <summary>The first message seen of each error type.</summary>
    public required IReadOnlyDictionary<string, string> ErrorExamples { get; init; }

    public required IReadOnlyList<KillRecord> Kills { get; init; }

    public required IReadOnlyList<CallSample> Calls { get; init; }

    /// <summary>Acknowledged memory ids missing from the export, as <c>user/id</c>.</summary>
    public required IReadOnlyList<string> AcknowledgedLost { get; init; }

    /// <summary>Stored memories nobody saw acknowledged (a call that failed or timed out after the write landed): allowed.</summary>
    public required int StoredUnacknowledged { get; init; }

    /// <summary>Memory ids stored more than once.</summary>
    public required int Duplicated { get; init; }

    /// <summary>Users the final check could not export, with the error.</summary>
    public required IReadOnlyList<string> Unverified { get; init; }

    /// <summary>From the restart of every silo at the end until every user was served again; null: not within the timeout.</summary>
    public required TimeSpan? FinalRecovery { get; init; }

    public bool Passed => AcknowledgedLost.Count == 0 && Duplicated == 0 && Unverified.Count == 0 && FinalRecovery is not null;
}
