namespace TripSage.Memory.Tests; public class PlaceholderTests {}
