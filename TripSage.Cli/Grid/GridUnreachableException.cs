namespace TripSage.Memory.Cli.Grid;

/// <summary>No gateway of the grid answered within the connect timeout.</summary>
internal sealed class GridUnreachableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
