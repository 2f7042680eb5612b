using System.Globalization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>The run's figures as plain-text tables on stdout (Markdown, so they paste into docs as they are).</summary>
internal static class LoadTable
{
    public static void Write(LoadReport report, TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"# TripSage load benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"machine: {report.Machine}");
        output.WriteLine($"store: {report.Store}");
        output.WriteLine(string.Create(invariant, $"data: {report.Options.Users:N0} users x {report.Options.MemoriesPerUser} memories; {report.Options.Duration.TotalSeconds:0.#} s per scenario and side; CPU is the whole process (client, silo and embedded store share it)"));
        output.WriteLine(string.Create(invariant,
            $"idle process CPU ({IdleCpu.Window.TotalSeconds:0} s, no call in flight): {Figure(report.IdleCpuMsPerSecondAfterSeeding, "0")} ms/s after seeding, {Figure(report.IdleCpuMsPerSecondAfterWrites, "0")} ms/s after the write scenarios"));
        output.WriteLine();
        output.WriteLine("| scenario | side | callers | ops | ops/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms/op | store cmds/op | store bytes in/op | errors | note |");
        output.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var r in report.Scenarios)
        {
            output.WriteLine(string.Create(invariant,
                $"| {r.Scenario} | {r.Target} | {r.Callers} | {r.Operations:N0} | {r.OperationsPerSecond:N0} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.0} | {r.CpuMsPerOperation:0.000} | {Figure(r.StoreCommandsPerOperation, "0.00")} | {Figure(r.StoreInputBytesPerOperation, "N0")} | {r.Errors} | {r.Note} |"));
        }

        output.WriteLine();
        output.WriteLine("| write cost (grid, 1 caller) | p50 ms | p95 ms | ops/s | store bytes in / write | store cmds / write |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|");
        foreach (var point in report.WriteCost)
        {
            output.WriteLine(string.Create(invariant,
                $"| {point.Memories:N0} memories | {point.Result.P50Ms:0.00} | {point.Result.P95Ms:0.00} | {point.Result.OperationsPerSecond:N0} | {Figure(point.BytesWrittenPerWrite, "N0")} | {Figure(point.Result.StoreCommandsPerOperation, "0.00")} |"));
        }

        var resident = report.Resident;
        output.WriteLine();
        output.WriteLine(string.Create(invariant,
            $"resident: {resident.Users:N0} users x {resident.MemoriesPerUser} memories activated: {resident.HeapBytesPerUser:N0} bytes of managed heap per user (GC.GetTotalMemory(true) difference; ~{resident.UsersPer4GB:N0} users per 4 GB), working set {resident.WorkingSetBytesPerUser:N0} bytes per user"));
        var activation = report.Activation;
        output.WriteLine(string.Create(invariant,
            $"activation: first call to a deactivated user of {activation.Memories:N0} memories, {activation.SamplesMs.Count} times: p50 {activation.P50Ms:0.0} ms, max {activation.MaxMs:0.0} ms ({string.Join(", ", activation.SamplesMs.Select(ms => ms.ToString("0.0", invariant)))})"));
        if (report.SmokeMismatches is { } mismatches)
        {
            output.WriteLine(mismatches.Count == 0
                ? "smoke check: the store holds exactly the acknowledged writes"
                : $"smoke check FAILED: {mismatches.Count} users differ from their acknowledged writes:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", mismatches));
        }
    }

    private static string Figure(double? value, string format) =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : "not counted";
}
