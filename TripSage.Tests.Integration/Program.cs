using TripSage.Memory.Tests.Integration.Store;

namespace TripSage.Memory.Tests.Integration;

/// <summary>
/// The test assembly's own entry point (the test SDK's empty one is switched off in the project): the test
/// runner never calls it, and a test that must kill the embedded store with <c>kill -9</c> runs this
/// assembly as that store's process (<see cref="EmbeddedStoreProcess"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        args is [EmbeddedStoreProcess.Command, var dataPath, var port]
            ? EmbeddedStoreProcess.Serve(dataPath, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture))
            : 2;
}
