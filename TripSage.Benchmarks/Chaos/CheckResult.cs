namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>What the final check found.</summary>
/// <param name="AcknowledgedWrites">Writes the grid acknowledged during the run.</param>
/// <param name="AcknowledgedLost">Acknowledged memory ids missing from the export, as <c>user/id</c>: must be empty.</param>
/// <param name="StoredUnacknowledged">Stored memories nobody saw acknowledged (a call that failed or timed out after the write landed): allowed.</param>
/// <param name="Duplicated">Memory ids stored more than once.</param>
/// <param name="Unverified">Users the check could not export, with the error.</param>
/// <param name="Recovery">From the restart of every silo until every user was served again; null: not within the timeout.</param>
internal sealed record CheckResult(
    int AcknowledgedWrites,
    IReadOnlyList<string> AcknowledgedLost,
    int StoredUnacknowledged,
    int Duplicated,
    IReadOnlyList<string> Unverified,
    TimeSpan? Recovery)
{
    public bool Passed => AcknowledgedLost.Count == 0 && Duplicated == 0 && Unverified.Count == 0 && Recovery is not null;

    public string Failure => $"{AcknowledgedLost.Count} acknowledged writes lost, {Duplicated} duplicated, {Unverified.Count} users not verified, final recovery {(Recovery is null ? "timed out" : "ok")}";
}
