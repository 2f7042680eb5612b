using System.Security.Cryptography;

namespace TripSage.Memory.Grains;

/// <summary>New memory ids: "m_" and 20 base32 characters (100 random bits), unique without coordination.</summary>
internal static class MemoryIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 20;

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> id = stackalloc char[Length + 2];
        id[0] = 'm';
        id[1] = '_';
        for (var i = 0; i < Length; i++)
        {
            id[i + 2] = Alphabet[random[i] & 31];
        }

        return new string(id);
    }
}
