using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>Writes every figure of a run as JSON, for comparing runs and for the docs.</summary>
internal static class LoadJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },

        // Resident users per 4 GB is infinite when a heap difference is not positive.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Task WriteAsync(LoadReport report, FileInfo file)
    {
        file.Directory?.Create();
        return File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, Options));
    }
}
