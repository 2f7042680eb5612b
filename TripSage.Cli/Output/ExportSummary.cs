namespace TripSage.Memory.Cli.Output;

/// <summary>What <c>export --out</c> wrote, printed in place of the document itself.</summary>
/// <param name="File">The file written.</param>
/// <param name="Memories">How many memories the document holds.</param>
/// <param name="Preferences">How many preferences the document holds.</param>
internal sealed record ExportSummary(string File, int Memories, int Preferences);
