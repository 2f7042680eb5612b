using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>DELETE /memory/clear?confirm=true</c>: TripSage's <c>{deleted_count, success}</c> and the erase receipt.</summary>
internal sealed record CompatClearResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("deleted_count")] int DeletedCount,
    [property: JsonPropertyName("receipt_id")] string ReceiptId,
    [property: JsonPropertyName("erased_at")] DateTimeOffset ErasedAt);
