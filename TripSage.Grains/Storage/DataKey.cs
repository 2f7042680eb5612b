namespace TripSage.Memory.Grains.Storage;

/// <summary>A user's snapshot key, unwrapped: its id (named in every envelope it seals) and its bytes.</summary>
internal sealed record DataKey(string Id, byte[] Key);
