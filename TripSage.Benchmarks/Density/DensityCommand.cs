using System.CommandLine;
using System.Globalization;

namespace TripSage.Memory.Benchmarks.Density;

/// <summary>
/// <c>density</c>: where a resident user's bytes go and where a cold activation's time goes, measured
/// in this process on the grid's own code (no silo): the deserialized state and the search index per
/// user, and open / deserialize / index of a large user. The silo-wide figures are <c>load</c>'s.
/// </summary>
internal static class DensityCommand
{
    private const int UsageError = 2;

    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Users held at once for the bytes-per-user figures.", DefaultValueFactory = _ => DensityOptions.DefaultUsers };
        var sizes = new Option<string>("--memories") { Description = "Memories per user, comma-separated.", DefaultValueFactory = _ => string.Join(',', DensityOptions.DefaultSizes) };
        var activation = new Option<int>("--activation-memories") { Description = "Memories of the user whose activation phases are timed.", DefaultValueFactory = _ => DensityOptions.DefaultActivationMemories };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats of each activation phase (after the first, reported apart).", DefaultValueFactory = _ => DensityOptions.DefaultRepeats };
        var command = new Command("density", "Bytes per resident user by component (state, search index) and the phases of a cold activation, in-process on the grid's code.")
        {
            users, sizes, activation, repeats,
        };
        command.SetAction(async (parse, _) =>
        {
            var parsed = new List<int>();
            foreach (var part in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
                {
                    await Console.Error.WriteLineAsync("--memories: give positive whole numbers separated by commas, such as 20,200.");
                    return UsageError;
                }

                parsed.Add(size);
            }

            var options = new DensityOptions(parse.GetValue(users), parsed, parse.GetValue(activation), parse.GetValue(repeats));
            if (options.Users < 1 || options.Sizes.Count == 0 || options.ActivationMemories < 1 || options.Repeats < 1)
            {
                await Console.Error.WriteLineAsync("--users, --memories, --activation-memories and --repeats must be positive.");
                return UsageError;
            }

            DensityProbe.Run(options, Console.Out);
            return 0;
        });
        return command;
    }
}
