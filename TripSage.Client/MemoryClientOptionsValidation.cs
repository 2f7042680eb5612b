namespace TripSage.Memory.Client;

/// <summary>Checks <see cref="MemoryClientOptions"/> when the client is added, naming the option and what it allows.</summary>
internal static class MemoryClientOptionsValidation
{
    private const int MaxAttempts = 10;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinGatewayLossGrace = TimeSpan.FromMilliseconds(100);

    /// <exception cref="ArgumentOutOfRangeException">An option is outside its allowed range.</exception>
    public static void ThrowIfInvalid(MemoryClientOptions options, string parameterName)
    {
        Within(nameof(MemoryClientOptions.ResponseTimeout), options.ResponseTimeout, MemoryClientOptions.MinResponseTimeout, MemoryClientOptions.MaxResponseTimeout);
        Within(nameof(MemoryClientOptions.MaxAttempts), options.MaxAttempts, 1, MaxAttempts);
        Within(nameof(MemoryClientOptions.RetryDelay), options.RetryDelay, TimeSpan.Zero, MaxRetryDelay);
        Within(nameof(MemoryClientOptions.GatewayLossGrace), options.GatewayLossGrace, MinGatewayLossGrace, options.ResponseTimeout);

        void Within<T>(string option, T value, T minimum, T maximum)
            where T : IComparable<T>
        {
            if (value.CompareTo(minimum) < 0 || value.CompareTo(maximum) > 0)
            {
                throw new ArgumentOutOfRangeException(parameterName, value, $"{nameof(MemoryClientOptions)}.{option} is {value}; allowed: {minimum} to {maximum}.");
            }
        }
    }
}
