namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// Marks, on a grain's activation, that it has served at least one authenticated call. An activation
/// without it was created by unauthenticated calls alone and is let go as soon as they are refused.
/// </summary>
internal sealed class AuthenticatedActivation
{
    public static readonly AuthenticatedActivation Marker = new();

    private AuthenticatedActivation()
    {
    }
}
