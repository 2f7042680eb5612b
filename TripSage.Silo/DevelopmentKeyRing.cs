using System.Text.Json;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Silo;

/// <summary>
/// In Development only: when no snapshot key is configured, generates one into the data folder
/// (once; it is reused at every start) so the grid runs without set-up. Anywhere else a missing
/// key stops the silo at start, because a key that lives next to the data protects nothing.
/// </summary>
internal static class DevelopmentKeyRing
{
    private const string KeyId = "dev-1";

    /// <summary>Adds the generated key ring to <paramref name="configuration"/> and returns its file, or null when keys are configured.</summary>
    public static string? EnsureKey(IConfigurationManager configuration, string dataPath)
    {
        if (configuration.GetSection($"{SnapshotEncryptionOptions.SectionName}:Keys").GetChildren().Any())
        {
            return null;
        }

        var file = Path.Combine(dataPath, "keys", "snapshot-keys.json");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var document = new DevelopmentKeyFile(KeyId, new Dictionary<string, string> { [KeyId] = KeyRing.NewKey() });
            using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                JsonSerializer.Serialize(stream, document);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var keys = JsonSerializer.Deserialize<DevelopmentKeyFile>(File.ReadAllText(file))
            ?? throw new InvalidOperationException($"The development key file '{file}' is empty; delete it to generate a new key (snapshots written with the old key become unreadable).");
        var settings = keys.Keys.ToDictionary(k => $"{SnapshotEncryptionOptions.SectionName}:Keys:{k.Key}", k => (string?)k.Value);
        settings[$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = keys.CurrentKeyId;
        configuration.AddInMemoryCollection(settings);
        return file;
    }

    private sealed record DevelopmentKeyFile(string CurrentKeyId, Dictionary<string, string> Keys);
}
