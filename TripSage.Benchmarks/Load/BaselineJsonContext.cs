using System.Text.Json.Serialization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// Source-generated JSON for the baseline's blob: the serializer a careful stateless service would
/// use, so the baseline is not slowed by reflection the grid does not pay either.
/// </summary>
[JsonSerializable(typeof(BaselineUserBlob))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
