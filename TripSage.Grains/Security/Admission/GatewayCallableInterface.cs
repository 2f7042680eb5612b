namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// One more runtime interface (by full name) that gateway clients may call, registered in code only —
/// never from configuration. The Orleans test cluster needs its client to reach the silo's test hooks;
/// nothing in a production silo registers one.
/// </summary>
internal sealed record GatewayCallableInterface(string FullName);
