using System.Globalization;

namespace TripSage.Memory.Cli.Output;

/// <summary>How <c>tripsage migrate</c> prints its answers for people.</summary>
internal static class MigrationOutput
{
    private const int BarWidth = 30;

    public static void WriteStatus(TextWriter output, MigrationStatus status)
    {
        var changed = status.Epoch == 0 ? "never set" : $"epoch {status.Epoch}, set {status.ChangedAt.ToString("u", CultureInfo.InvariantCulture)}";
        output.WriteLine($"rollout: {status.Percent} % of buckets on the target store ({changed})");
        output.WriteLine($"users: {status.Users} — {status.OnSource} on source, {status.OnTarget} on target (copied), {status.WaitingToMove} waiting to move");
        output.WriteLine($"verified: {status.Verified}, failed verification: {status.VerifyFailed}");
        output.WriteLine($"moves so far (activations and copy, both ways): {status.Moves} ({Bytes(status.MovedBytes)})");
    }

    public static void WriteCopy(TextWriter output, MigrationCopyReport report) =>
        output.WriteLine($"moved {report.Moved} users ({Bytes(report.Bytes)}); {report.Remaining} still waiting to move, {report.Busy} being moved by their own activation");

    public static void WriteVerify(TextWriter output, MigrationVerifyReport report)
    {
        output.WriteLine($"checked {report.Checked} users on the target store: {report.Verified} verified, {report.Differences.Count} differ");
        foreach (var difference in report.Differences)
        {
            output.WriteLine($"  {difference.UserId}: {difference.Reason}");
        }
    }

    public static void WriteFinish(TextWriter output, MigrationFinishReport report) =>
        output.WriteLine($"deleted the source keys of {report.Deleted} users; {report.NotVerified} users on the target kept theirs (not verified: run 'tripsage migrate verify')");

    /// <summary>One progress bar line, drawn over the previous one.</summary>
    public static void WriteProgress(TextWriter progress, int moved, int total, long bytes)
    {
        var done = total <= 0 ? 1.0 : (double)moved / total;
        var filled = (int)Math.Round(done * BarWidth);
        progress.Write($"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {done:P0} {moved}/{total} users, {Bytes(bytes)}");
    }

    private static string Bytes(long bytes) => bytes < 1024 * 1024
        ? $"{bytes / 1024.0:F1} KiB"
        : $"{bytes / (1024.0 * 1024):F1} MiB";
}
