namespace TripSage.Memory.Client; internal static class Placeholder {}
