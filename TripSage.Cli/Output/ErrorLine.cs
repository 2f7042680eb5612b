namespace TripSage.Memory.Cli.Output;

/// <summary>Writes the single <c>error: reason</c> line a failed command leaves on standard error.</summary>
internal static class ErrorLine
{
    public static void Write(TextWriter error, string reason) =>
        error.WriteLine($"error: {string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
}
