using TripSage.Memory.Grains.Security.Content;
namespace TripSage.Memory.Grains.Security;

/// <summary>How an action is named to the audit trail, logs and metrics: stable and lower-case.</summary>
internal static class SecurityActionNames
{
    public const string Flag = "flag";
    public const string Quarantine = "quarantine";
    public const string Reject = "reject";

    public static string Of(ContentAction action) => action switch
    {
        ContentAction.Quarantine => Quarantine,
        ContentAction.Reject => Reject,
        _ => Flag,
    };
}
