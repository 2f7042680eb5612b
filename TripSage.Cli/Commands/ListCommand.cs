using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>list</c>: one page of the user's memories, newest first.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var category = MemoryOptionFactory.Category("Only memories of this category.");
        var tags = MemoryOptionFactory.Tags("Only memories with this tag; repeat to require several.");
        var offset = new Option<int?>("--offset") { Description = "How many memories to skip. Default 0." };
        var limit = new Option<int?>("--limit") { Description = "How many memories at most on the page (the grid's default when not given)." };

        var command = options.UserCommand("list", "List a user's memories, newest first, one page at a time.");
        command.Options.Add(category);
        command.Options.Add(tags);
        command.Options.Add(offset);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) =>
        {
            var query = new ListQuery(Category: parse.GetValue(category), Tags: parse.GetValue(tags));
            if (parse.GetValue(offset) is { } skip)
            {
                query = query with { Offset = skip };
            }

            if (parse.GetValue(limit) is { } count)
            {
                query = query with { Limit = count };
            }

            return runner.RunAsync(
                parse,
                (client, userId) => client.ListAsync(userId, query),
                (output, page) => HumanOutput.WritePage(output, page, query.Offset),
                cancellationToken);
        });
        return command;
    }
}
