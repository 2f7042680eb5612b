namespace TripSage.Memory.Hosting.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "The Orleans dashboard is closed: outside Development it needs {Setting} (or set {EnabledSetting}=false to silence this).")]
    public static partial void DashboardClosed(ILogger logger, string setting, string enabledSetting);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Exporting traces and metrics over OTLP to {Endpoint}.")]
    public static partial void ExportingOtlp(ILogger logger, string endpoint);
}
