namespace TripSage.Memory.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The grid answered with a failure: invalid input, an unknown memory, an unreadable snapshot.</summary>
    public const int GridFailure = 1;

    /// <summary>The command line itself is wrong; nothing was sent to the grid.</summary>
    public const int Usage = 2;

    /// <summary>No silo gateway could be reached.</summary>
    public const int GridUnreachable = 3;

    /// <summary>Interrupted (Ctrl+C); 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
