using System.CommandLine;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary><c>locomo</c>: retrieval quality and search latency on LoCoMo-format conversations.</summary>
internal static class LocomoCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of LoCoMo-format conversation files (*.json), such as ../shared/data/locomo.",
            Required = true,
        };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the overall recall figures to this file as JSON." };
        var scaleMemories = new Option<int>("--scale-memories")
        {
            Description = "Memories of the user the latency and size figures are measured on.",
            DefaultValueFactory = _ => LocomoBenchmark.DefaultScaleMemories,
        };

        var command = new Command("locomo", "Store every turn as a memory through the grain API, ask every category 1-4 question, print recall@1/5/10 and latency.")
        {
            data,
            json,
            scaleMemories,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetRequiredValue(data);
            if (!folder.Exists)
            {
                await Console.Error.WriteLineAsync($"--data: folder '{folder.FullName}' does not exist.");
                return 2;
            }

            var conversations = LocomoConversation.LoadFolder(folder.FullName);
            if (conversations.Count == 0)
            {
                await Console.Error.WriteLineAsync($"--data: no *.json conversation files in '{folder.FullName}'.");
                return 2;
            }

            var report = await new LocomoBenchmark(conversations, parse.GetValue(scaleMemories), Console.Out).RunAsync(cancellationToken);
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, report.OverallJson(), cancellationToken);
                Console.WriteLine($"overall figures written to {file.FullName}");
            }

            return 0;
        });
        return command;
    }
}
