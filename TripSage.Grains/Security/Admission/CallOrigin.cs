namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>Where a grain call came from, as far as the silo can tell from the call's sender id.</summary>
internal enum CallOrigin
{
    /// <summary>A client connected to a gateway (or a call with no sender): the least trusted.</summary>
    Gateway,

    /// <summary>Code running inside a silo process but outside any grain (the HTTP API, the dashboard).</summary>
    Silo,

    /// <summary>The Orleans runtime: system targets and grain services (reminders, membership, directory).</summary>
    Runtime,

    /// <summary>Another grain.</summary>
    Grain,
}
