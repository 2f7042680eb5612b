namespace TripSage.Memory;

/// <summary>The user holds no memory with the given id.</summary>
[GenerateSerializer]
public sealed class MemoryNotFoundException : Exception
{
    /// <summary>Creates the exception for a memory id.</summary>
    public MemoryNotFoundException(string memoryId)
        : base($"No memory with id '{memoryId}'.")
    {
        MemoryId = memoryId;
    }

    /// <summary>The id asked for.</summary>
    [Id(0)] public string MemoryId { get; }
}
