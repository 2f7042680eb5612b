namespace TripSage.Memory;

/// <summary>
/// A memory's embedding as stored: one signed byte per dimension and one scale, so that
/// <c>code[i] * Scale</c> is the unit-length vector's component i. A quarter of the size of the
/// 32-bit vector; the recall it costs is measured in <c>docs/benchmarks/search.md</c>.
/// </summary>
/// <param name="Codes">One byte per dimension, read as a two's-complement signed byte (-127 to 127).</param>
/// <param name="Scale">What one code step is worth.</param>
[GenerateSerializer, Immutable]
public sealed record QuantizedEmbedding(
    [property: Id(0)] byte[] Codes,
    [property: Id(1)] float Scale)
{
    /// <summary>Number of dimensions.</summary>
    public int Dimensions => Codes.Length;
}
