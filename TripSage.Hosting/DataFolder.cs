using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting;

/// <summary>Where the silo keeps its files: the embedded store and, in Development, its generated key.</summary>
internal static class DataFolder
{
    /// <summary><c>TripSage:DataPath</c> when set, else <see cref="GridDefaults.DataFolder"/>.</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[GridDefaults.DataPathSetting];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? GridDefaults.DataFolder : configured);
    }
}
