using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Cli.Output;

/// <summary>The JSON every command prints with <c>--json</c>, and export files are written and read in.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

        // Output goes to terminals, scripts and files, never into HTML, so memory text stays readable
        // ("Zürich", "don't") instead of being \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // An import document with "text": null is rejected while reading, not deep in the grid.
        RespectNullableAnnotations = true,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
