namespace TripSage.Memory.Client;

/// <summary>
/// Tells calls in flight that the client lost a gateway connection. The Orleans client fails no call it
/// has sent when the connection it went out on closes, nor when the silo holding the grain dies behind a
/// surviving gateway: such calls wait out the whole response timeout. A silo's death closes the client's
/// connection to its gateway, so each such close trips the current token and a new one serves later calls.
/// </summary>
internal sealed class GatewayLossSignal : IClusterConnectionStatusObserver
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled at the next loss of a gateway connection.</summary>
    public CancellationToken NextLoss => Volatile.Read(ref _current).Token;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Trip();
        }
    }

    public void NotifyClusterConnectionLost() => Trip();

    private void Trip()
    {
        // Not disposed: a caller may have just read it. Cancelled off the connection's thread, so no
        // waiting call's continuation runs on it.
        var lost = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        _ = lost.CancelAsync();
    }
}
