using TripSage.Memory.Cli.Grid;
using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Commands;

/// <summary>One command's view of the grid: the user it works on and a connection made only when asked for.</summary>
internal sealed class GridCall(string userId, GridConnection grid, CancellationToken cancellationToken)
{
    public string UserId { get; } = userId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<IMemoryClient> ConnectAsync() => grid.GetClientAsync(CancellationToken);
}
