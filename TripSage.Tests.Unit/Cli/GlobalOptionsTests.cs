using System.CommandLine;
using TripSage.Memory.Cli.Commands;
using TripSage.Memory.Cli.Grid;

namespace TripSage.Memory.Tests.Unit.Cli;

public sealed class GlobalOptionsTests
{
    [Fact]
    public void GatewaysOf_RepeatedAndCommaSeparated_ReturnsEachGateway()
    {
        var options = new GlobalOptions(new GridConnectionOptions());
        var root = new RootCommand();
        options.AddTo(root);

        var gateways = options.GatewaysOf(root.Parse(["--gateway", "127.0.0.1:30000, 127.0.0.1:30001", "-g", "silo-3:30000"]));

        Assert.Equal(["127.0.0.1:30000", "127.0.0.1:30001", "silo-3:30000"], gateways);
    }

    [Fact]
    public void GatewaysOf_NoneGiven_ReturnsDefaultGateway()
    {
        var connection = new GridConnectionOptions();
        var options = new GlobalOptions(connection);
        var root = new RootCommand();
        options.AddTo(root);

        var gateways = options.GatewaysOf(root.Parse([]));

        Assert.Equal([connection.DefaultGateway], gateways);
    }
}
