using System.Buffers.Text;
using System.Numerics;

namespace CmkFunctions.Core.Validation;

/// <summary>RSA key size from a JSON Web Key's modulus <c>n</c>.</summary>
public static class RsaModulus
{
    /// <summary>
    /// The bit length of the base64url modulus; leading zero bytes (which some encoders add to keep the
    /// number positive) do not count.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="n"/> is not base64url or is zero.</exception>
    public static int SizeInBits(string n)
    {
        ArgumentNullException.ThrowIfNull(n);
        byte[] modulus;
        try
        {
            modulus = Base64Url.DecodeFromChars(n.TrimEnd('='));
        }
        catch (FormatException exception)
        {
            throw new FormatException("The RSA modulus 'n' is not base64url.", exception);
        }

        var first = Array.FindIndex(modulus, value => value != 0);
        if (first < 0)
        {
            throw new FormatException("The RSA modulus 'n' is zero.");
        }

        var significantBytes = modulus.Length - first;
        return (significantBytes - 1) * 8 + (32 - BitOperations.LeadingZeroCount((uint)modulus[first]));
    }
}
