namespace TripSage.Memory.Grains.Storage;

/// <summary>An encrypted snapshot envelope as the store holds it.</summary>
[GenerateSerializer]
internal sealed class SealedSnapshot
{
    [Id(0)] public byte[] Envelope { get; set; } = [];
}
