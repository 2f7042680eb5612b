namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>A fresh user id per call, so tests sharing a cluster never see each other's memories.</summary>
public static class TestUsers
{
    public static string New(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}";
}
