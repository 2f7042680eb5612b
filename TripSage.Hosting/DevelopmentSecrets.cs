using System.Text.Json;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Hosting;

/// <summary>
/// In Development only: the secrets a silo needs and nobody configured — the snapshot master key
/// and the token signing key — are generated once into the data folder and reused at every start,
/// so the grid runs without set-up (and <c>tripsage token</c> can mint tokens from the same file).
/// Anywhere else a missing secret stops the silo at start, because a key that lives next to the
/// data protects nothing.
/// </summary>
internal static class DevelopmentSecrets
{
    /// <summary>Where the file lives under the data folder; the CLI's <c>token</c> command reads it too.</summary>
    public const string RelativePath = "keys/development-secrets.json";

    private const string KeyId = "dev-1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Adds generated secrets for whatever is not configured; returns the file, or null when nothing was needed.</summary>
    public static string? Ensure(IConfigurationManager configuration, string dataPath)
    {
        var needsMasterKey = !configuration.GetSection($"{SnapshotEncryptionOptions.SectionName}:Keys").GetChildren().Any();
        var needsSigningKey = string.IsNullOrEmpty(configuration[$"{AuthOptions.SectionName}:SigningKey"])
            && !configuration.GetSection($"{AuthOptions.SectionName}:RsaPublicKeys").GetChildren().Any();
        if (!needsMasterKey && !needsSigningKey)
        {
            return null;
        }

        var file = Path.Combine(dataPath, RelativePath);
        var secrets = Load(file);
        var settings = new Dictionary<string, string?>();
        if (needsMasterKey)
        {
            settings[$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = secrets.CurrentKeyId;
            foreach (var (id, key) in secrets.Keys)
            {
                settings[$"{SnapshotEncryptionOptions.SectionName}:Keys:{id}"] = key;
            }
        }

        if (needsSigningKey)
        {
            settings[$"{AuthOptions.SectionName}:SigningKey"] = secrets.TokenSigningKey;
        }

        configuration.AddInMemoryCollection(settings);
        return file;
    }

    private static DevelopmentSecretsFile Load(string file)
    {
        if (File.Exists(file))
        {
            return JsonSerializer.Deserialize<DevelopmentSecretsFile>(File.ReadAllText(file), Json)
                ?? throw new InvalidOperationException($"The development secrets file '{file}' is empty; delete it to generate new secrets (snapshots written with the old key become unreadable).");
        }

        var secrets = new DevelopmentSecretsFile(KeyId, new Dictionary<string, string> { [KeyId] = KeyRing.NewKey() }, KeyRing.NewKey());
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, secrets, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secrets;
    }

    private sealed record DevelopmentSecretsFile(string CurrentKeyId, Dictionary<string, string> Keys, string TokenSigningKey);
}
