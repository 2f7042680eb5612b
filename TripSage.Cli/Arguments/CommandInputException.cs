namespace TripSage.Memory.Cli.Arguments;

/// <summary>
/// Something the user gave on the command line cannot be used (a gateway that is not host:port, an
/// import file that is not an export document). Reported as a usage error.
/// </summary>
internal sealed class CommandInputException(string message, Exception? innerException = null)
    : Exception(message, innerException);
