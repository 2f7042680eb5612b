using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Search;

public sealed class EmbeddingQuantizerTests
{
    [Fact]
    public void Similarity_OfQuantizedVectors_IsCloseToTheFloatCosine()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = RandomVector(random, 384);
            var b = RandomVector(random, 384);
            var mixed = a.Zip(b, (x, y) => x + (0.5f * y)).ToArray();

            var exact = Cosine(a, mixed);
            var quantized = EmbeddingQuantizer.Similarity(EmbeddingQuantizer.Quantize(a), EmbeddingQuantizer.Quantize(mixed));

            Assert.InRange(quantized, exact - 0.01, exact + 0.01);
        }
    }

    [Fact]
    public void Quantize_StoresOneBytePerDimension()
    {
        var embedding = EmbeddingQuantizer.Quantize(RandomVector(new Random(1), 384));

        Assert.Equal(384, embedding.Codes.Length);
        Assert.Equal(1.0, EmbeddingQuantizer.Similarity(embedding, embedding), precision: 5);
    }

    private static float[] RandomVector(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return dot / Math.Sqrt(aa * bb);
    }
}
