using System.Text.Json;

namespace TripSage.Memory.Client;

/// <summary>
/// The secrets a Development silo generates into its data folder when none are configured: the
/// snapshot master keys and the token signing key. The silo writes this file; the command-line tool's
/// <c>token</c> command and tests read the signing key from it to mint tokens the silo accepts.
/// Never used outside Development: a key kept next to the data protects nothing.
/// </summary>
/// <param name="CurrentKeyId">Id of the master key new data keys are wrapped under.</param>
/// <param name="Keys">Master keys by id, each 32 random bytes in base64.</param>
/// <param name="TokenSigningKey">The HS256 token signing key, 32 random bytes in base64.</param>
public sealed record DevelopmentSecretsFile(string CurrentKeyId, Dictionary<string, string> Keys, string TokenSigningKey)
{
    /// <summary>Where the file lives under the data folder: <c>keys/development-secrets.json</c>.</summary>
    public const string RelativePath = "keys/development-secrets.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's path under <paramref name="dataFolder"/>.</summary>
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, RelativePath);

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No Development silo has generated secrets there.</exception>
    /// <exception cref="InvalidDataException">The file is empty or lacks a secret; delete it to generate new ones.</exception>
    public static DevelopmentSecretsFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No development secrets at '{path}': start a Development silo once (dotnet run --project TripSage.Silo), or point at its data folder.", path);
        }

        var secrets = JsonSerializer.Deserialize<DevelopmentSecretsFile>(File.ReadAllText(path), Json);
        return secrets is { TokenSigningKey.Length: > 0, CurrentKeyId.Length: > 0 }
            ? secrets
            : throw new InvalidDataException($"The development secrets file '{path}' is empty or incomplete; delete it to generate new secrets (snapshots written with the old key become unreadable).");
    }

    /// <summary>Writes the file at <paramref name="path"/>, readable by the current user only; fails if it exists.</summary>
    public void WriteNew(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
