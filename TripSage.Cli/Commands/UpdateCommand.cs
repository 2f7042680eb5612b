using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>update</c>: changes a memory; the grid keeps the previous version.</summary>
internal static class UpdateCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var id = MemoryOptionFactory.MemoryId("The memory's id.");
        var text = new Option<string>("--text", "-t") { Description = "New text." };
        var category = MemoryOptionFactory.Category("New category; an empty string removes it.");
        var tags = MemoryOptionFactory.Tags("New tag; the tags given replace all previous tags. Repeat for more.");
        var expires = MemoryOptionFactory.Expires();

        var command = options.UserCommand("update", "Change a memory's text, category, tags or expiry.");
        command.Options.Add(id);
        command.Options.Add(text);
        command.Options.Add(category);
        command.Options.Add(tags);
        command.Options.Add(expires);
        command.Validators.Add(result =>
        {
            if (new Option[] { text, category, tags, expires }.All(option => result.GetResult(option) is null))
            {
                result.AddError("update needs at least one of --text, --category, --tag, --expires");
            }
        });
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.UpdateAsync(userId, parse.GetRequiredValue(id), new MemoryUpdate(
                parse.GetValue(text),
                parse.GetValue(category),
                parse.GetValue(tags),
                parse.GetValue(expires))),
            HumanOutput.WriteMemory,
            cancellationToken));
        return command;
    }
}
