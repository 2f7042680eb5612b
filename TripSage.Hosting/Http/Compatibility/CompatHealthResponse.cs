using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>GET /memory/health</c>: <c>healthy</c> once the store answers and the silo is active.</summary>
internal sealed record CompatHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service);
