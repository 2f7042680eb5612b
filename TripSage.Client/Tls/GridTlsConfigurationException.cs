namespace TripSage.Memory.Client.Tls;

/// <summary>The TLS settings cannot be used: each entry of <see cref="Failures"/> names a setting and what is wrong with it.</summary>
public sealed class GridTlsConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public GridTlsConfigurationException(IReadOnlyList<string> failures)
        : base(string.Join(" ", failures))
    {
        Failures = failures;
    }

    /// <summary>Every problem found, one sentence each, naming the setting.</summary>
    public IReadOnlyList<string> Failures { get; }
}
