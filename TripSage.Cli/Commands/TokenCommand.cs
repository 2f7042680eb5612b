using System.CommandLine;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary>
/// <c>token</c>: mints a bearer token from the signing key a Development silo generated into its
/// data folder. Production tokens come from your identity provider, never from this command.
/// </summary>
internal static class TokenCommand
{
    private const string SecretsFile = "keys/development-secrets.json";
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

    private static string Mint(string userId, bool admin, DateTime expires, byte[] key)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, userId) };
        if (admin)
        {
            claims.Add(new Claim("scope", MemoryTokens.DefaultAdminScope));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = MemoryTokens.DefaultIssuer,
            Audience = MemoryTokens.DefaultAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static byte[] SigningKey(string? dataPath)
    {
        var folder = dataPath
            ?? Environment.GetEnvironmentVariable("TripSage__DataPath")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "tripsage");
        var file = Path.Combine(folder, SecretsFile);
        if (!File.Exists(file))
        {
            throw new CommandInputException($"no development secrets at '{file}': start a Development silo once (dotnet run --project TripSage.Silo), or pass --data-path");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.TryGetProperty("tokenSigningKey", out var key) && key.GetString() is { } base64
            ? Convert.FromBase64String(base64)
            : throw new CommandInputException($"'{file}' has no tokenSigningKey; delete it and restart the Development silo to generate one");
    }
}
