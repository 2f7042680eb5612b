namespace TripSage.Memory.Client;

/// <summary>
/// A call was in flight when a gateway connection closed and did not answer within
/// <see cref="MemoryClientOptions.GatewayLossGrace"/>: it is taken as lost with its silo. Never reaches a
/// caller: <see cref="MemoryCallPolicy"/> retries the call or turns this into <see cref="GridUnavailableException"/>.
/// </summary>
internal sealed class GatewayLostException() : Exception("A gateway connection closed while the call was in flight and no answer came.");
