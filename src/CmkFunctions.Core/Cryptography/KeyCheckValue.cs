using System.Security.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A resource key's check value: HMAC-SHA256 of a fixed label under the key. Stored with each wrapped DEK so
/// that unwrapping with a different resource key is told apart from altered metadata.
/// </summary>
internal static class KeyCheckValue
{
    public const int Length = 32;

    private static ReadOnlySpan<byte> Label => "CmkFunctions resource key check v1"u8;

    public static byte[] Compute(ResourceKey key)
    {
        var value = new byte[Length];
        HMACSHA256.HashData(key.Material.Span, Label, value);
        return value;
    }

    public static bool Matches(ResourceKey key, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[Length];
        HMACSHA256.HashData(key.Material.Span, Label, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
