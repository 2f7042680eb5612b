using System.Numerics;
using System.Runtime.InteropServices;

namespace TripSage.Memory.Grains.Search;

/// <summary>
/// 8-bit symmetric quantization of unit-length embeddings, and the integer dot product search runs on.
/// A vector is scaled to unit length, then each component becomes round(x / step) with the step chosen
/// so the largest component is ±127; the step is rescaled so the decoded vector has unit length again,
/// which makes the dot product of two quantized vectors their cosine similarity. Public so the
/// benchmarks quantize query vectors exactly as the grid does.
/// </summary>
public static class EmbeddingQuantizer
{
    // ±127, never -128: the product of two codes must fit a 16-bit lane (127 * 127 = 16129) in Dot.
    private const int MaxCode = sbyte.MaxValue;

    /// <summary>The 8-bit codes and scale of <paramref name="vector"/>, scaled to unit length first.</summary>
    public static QuantizedEmbedding Quantize(ReadOnlySpan<float> vector)
    {
        var maxMagnitude = 0f;
        foreach (var value in vector)
        {
            maxMagnitude = Math.Max(maxMagnitude, Math.Abs(value));
        }

        var codes = new byte[vector.Length];
        if (maxMagnitude == 0f)
        {
            return new QuantizedEmbedding(codes, 0f);
        }

        var step = maxMagnitude / MaxCode;
        long squares = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var code = (int)Math.Clamp(MathF.Round(vector[i] / step), -MaxCode, MaxCode);
            codes[i] = unchecked((byte)(sbyte)code);
            squares += code * code;
        }

        return new QuantizedEmbedding(codes, (float)(1 / Math.Sqrt(squares)));
    }

    /// <summary>The cosine similarity of two quantized unit vectors.</summary>
    public static float Similarity(QuantizedEmbedding a, QuantizedEmbedding b) => Dot(a.Codes, b.Codes) * a.Scale * b.Scale;

    /// <summary>Exact integer dot product of two code arrays, 16-bit SIMD lanes widened to 32-bit sums.</summary>
    public static int Dot(byte[] a, byte[] b)
    {
        var left = MemoryMarshal.Cast<byte, sbyte>(a.AsSpan());
        var right = MemoryMarshal.Cast<byte, sbyte>(b.AsSpan());
        var i = 0;
        var sum = 0;
        if (Vector.IsHardwareAccelerated && left.Length >= Vector<sbyte>.Count)
        {
            var accumulator = Vector<int>.Zero;
            for (; i <= left.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector.Widen(new Vector<sbyte>(left[i..]), out var left0, out var left1);
                Vector.Widen(new Vector<sbyte>(right[i..]), out var right0, out var right1);
                Vector.Widen(left0 * right0, out var product0, out var product1);
                Vector.Widen(left1 * right1, out var product2, out var product3);
                accumulator += product0 + product1 + product2 + product3;
            }

            sum = Vector.Sum(accumulator);
        }

        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }
}
