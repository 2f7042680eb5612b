namespace TripSage.Memory.Hosting.Http;

internal static partial class HttpApiLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "HTTP {Method} {Route} failed with an unexpected error; answered 500.")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "HTTP {Method} {Route}: a user's stored memory cannot be read; answered 500.")]
    public static partial void SnapshotUnreadable(ILogger logger, string method, string route);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "The API reference page is closed: serve it with {Setting}=On (allowed: Development, On, Off).")]
    public static partial void ReferencePageClosed(ILogger logger, string setting);
}
