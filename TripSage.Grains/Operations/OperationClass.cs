namespace TripSage.Memory.Grains.Operations;

/// <summary>Classes of operation, each with its own token bucket per user.</summary>
internal enum OperationClass
{
    Read,
    Search,
    Write,

    /// <summary>Export, import, erase and other operations that move or destroy a user's data in bulk.</summary>
    Sensitive,
}
