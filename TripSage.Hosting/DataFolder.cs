namespace TripSage.Memory.Hosting;

/// <summary>Where the silo keeps its files: the embedded store and, in Development, its generated key.</summary>
internal static class DataFolder
{
    public const string ConfigurationKey = "TripSage:DataPath";

    /// <summary><c>TripSage:DataPath</c> when set, else the user's local application data folder (on Linux <c>~/.local/share/tripsage</c>).</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "tripsage")
            : configured;
        return Path.GetFullPath(path);
    }
}
