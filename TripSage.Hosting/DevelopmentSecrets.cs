using TripSage.Memory.Client;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Security.Auth;

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
    private const string KeyId = "dev-1";

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

        var file = DevelopmentSecretsFile.PathIn(dataPath);
        var secrets = LoadOrCreate(file);
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

    private static DevelopmentSecretsFile LoadOrCreate(string file)
    {
        if (File.Exists(file))
        {
            return DevelopmentSecretsFile.Read(file);
        }

        var secrets = new DevelopmentSecretsFile(KeyId, new Dictionary<string, string> { [KeyId] = KeyRing.NewKey() }, KeyRing.NewKey());
        secrets.WriteNew(file);
        return secrets;
    }
}
