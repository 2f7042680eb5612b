using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>search</c>: the user's memories that best match a query.</summary>
internal static class SearchCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var query = new Option<string>("--query", "-q") { Description = "What to look for.", Required = true };
        var top = new Option<int?>("--top", "-n") { Description = "How many hits at most (the grid's default when not given)." };
        var category = MemoryOptionFactory.Category("Only memories of this category.");
        var tags = MemoryOptionFactory.Tags("Only memories with this tag; repeat to require several.");
        var mode = new Option<SearchMode>("--mode", "-m")
        {
            Description = "Which signals rank the hits: hybrid (keywords and meaning, fused), keyword (BM25) or vector (embedding similarity).",
            DefaultValueFactory = _ => SearchMode.Hybrid,
        };

        var command = options.UserCommand("search", "Search a user's memories, best match first.");
        command.Options.Add(query);
        command.Options.Add(top);
        command.Options.Add(category);
        command.Options.Add(tags);
        command.Options.Add(mode);
        command.SetAction((parse, cancellationToken) =>
        {
            var search = new SearchQuery(parse.GetRequiredValue(query), Category: parse.GetValue(category), Tags: parse.GetValue(tags), Mode: parse.GetValue(mode));
            if (parse.GetValue(top) is { } count)
            {
                search = search with { Top = count };
            }

            return runner.RunAsync(parse, (client, userId) => client.SearchAsync(userId, search), HumanOutput.WriteHits, cancellationToken);
        });
        return command;
    }
}
