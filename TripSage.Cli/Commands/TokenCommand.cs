using System.CommandLine;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Commands;

/// <summary>
/// <c>token</c>: mints a bearer token from the signing key a Development silo generated into its
/// data folder. Production tokens come from your identity provider, never from this command.
/// </summary>
internal static class TokenCommand
{
    // The data folder setting as an environment variable, the way the silo reads it too.
    private static readonly string DataPathVariable = GridDefaults.DataPathSetting.Replace(":", "__", StringComparison.Ordinal);
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var admin = new Option<bool>("--admin") { Description = $"Add the {MemoryTokens.DefaultAdminScope} scope: the token reaches every user's memory." };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime such as 30m, 1h or 7d. Default 1h." };
        var dataPath = new Option<string>("--data-path")
        {
            Description = "The silo's data folder (TripSage:DataPath). Default: $TripSage__DataPath, else ~/.local/share/tripsage.",
        };

        var command = options.UserCommand("token", "Mint a bearer token from a Development silo's generated signing key; print it.");
        command.Options.Add(admin);
        command.Options.Add(ttl);
        command.Options.Add(dataPath);
        command.SetAction(parse =>
        {
            try
            {
                var userId = parse.GetRequiredValue(options.User);
                UserIds.Validate(userId);
                var now = DateTimeOffset.UtcNow;
                var expires = now + DefaultLifetime;
                if (parse.GetValue(ttl) is { } given && !ExpiryArgument.TryParse(given, now, out expires, out var problem))
                {
                    // The same grammar as --expires: a duration from now or a moment.
                    throw new CommandInputException(problem.Replace("--expires", "--ttl", StringComparison.Ordinal));
                }

                output.WriteLine(Mint(userId, parse.GetValue(admin), expires.UtcDateTime, SigningKey(parse.GetValue(dataPath))));
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is CommandInputException or MemoryValidationException)
            {
                ErrorLine.Write(error, exception.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static string Mint(string userId, bool admin, DateTime expires, string signingKey) =>
        MemoryTokenIssuer.Create(signingKey, userId, notBefore: DateTime.UtcNow, expires, admin);

    private static string SigningKey(string? dataPath)
    {
        var folder = dataPath ?? Environment.GetEnvironmentVariable(DataPathVariable) ?? GridDefaults.DataFolder;
        try
        {
            return DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(folder)).TokenSigningKey;
        }
        catch (FileNotFoundException)
        {
            throw new CommandInputException($"no development secrets at '{DevelopmentSecretsFile.PathIn(folder)}': start a Development silo once (dotnet run --project TripSage.Silo), or pass --data-path");
        }
        catch (InvalidDataException)
        {
            throw new CommandInputException($"'{DevelopmentSecretsFile.PathIn(folder)}' has no tokenSigningKey; delete it and restart the Development silo to generate one");
        }
    }
}
