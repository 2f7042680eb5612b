using System.CommandLine;
using BenchmarkDotNet.Running;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>
/// <c>micro</c>: hands the rest of the command line to BenchmarkDotNet's switcher (for example
/// <c>micro --filter *Search*</c>). Journal append/replay benchmarks are not here: the grid has no journal yet.
/// </summary>
internal static class MicroCommand
{
    public static Command Create()
    {
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks with allocations: snapshot seal/open, state serialization, search. Arguments after 'micro' go to BenchmarkDotNet (e.g. --filter '*').")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var summaries = BenchmarkSwitcher
                .FromTypes([typeof(SnapshotCipherBenchmarks), typeof(StateSerializationBenchmarks), typeof(SearchBenchmarks), typeof(JournalRecordBenchmarks)])
                .Run([.. parse.UnmatchedTokens], MicroConfig.Create());
            return summaries.Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
        });
        return command;
    }
}
