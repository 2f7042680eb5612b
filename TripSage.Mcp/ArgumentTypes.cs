using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TripSage.Memory.Mcp;

/// <summary>
/// Finds the argument whose JSON type the tool's input schema does not allow. The SDK's binding only
/// says that some JSON value could not be converted; an agent needs to know which argument to fix.
/// </summary>
internal static class ArgumentTypes
{
    /// <summary>The first argument of <paramref name="call"/> that <paramref name="tool"/>'s schema does not allow, worded as an error; <see langword="null"/> when each is allowed.</summary>
    public static string? Mistyped(CallToolRequestParams? call, Tool? tool)
    {
        if (call?.Arguments is not { } arguments || tool?.InputSchema is not { ValueKind: JsonValueKind.Object } schema
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var property) || !property.TryGetProperty("type", out var type))
            {
                continue;
            }

            var allowed = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
                : [type.GetString() ?? ""];
            if (!allowed.Any(t => Matches(t, value)))
            {
                return $"{name}: {Describe(value)} given; allowed: {string.Join(" or ", allowed)}";
            }
        }

        return null;
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,

        // A type this check does not know is not the agent's mistake.
        _ => true,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "an integer" : "a number that is not a 32-bit integer",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
