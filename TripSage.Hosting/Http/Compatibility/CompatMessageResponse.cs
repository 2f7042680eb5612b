using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>A one-line answer, as TripSage's <c>{"message": ...}</c>.</summary>
internal sealed record CompatMessageResponse([property: JsonPropertyName("message")] string Message);
