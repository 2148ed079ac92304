using System.Security.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// One AES-GCM message as stored, <c>nonce || ciphertext || tag</c> (see <see cref="ChunkFormat"/>): the one
/// place that lays it out, used for chunks and wrapped DEKs, and checked against NIST vectors.
/// </summary>
internal static class AesGcmEnvelope
{
    /// <summary>Encrypts under the nonce already in <c>stored[..NonceSize]</c>.</summary>
    public static void Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> stored)
    {
        var nonce = stored[..ChunkFormat.NonceSize];
        var ciphertext = stored.Slice(ChunkFormat.NonceSize, plaintext.Length);
        var tag = stored.Slice(ChunkFormat.NonceSize + plaintext.Length, ChunkFormat.TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>
    /// Decrypts <paramref name="stored"/> (exactly <c>plaintext.Length + Overhead</c> bytes) into
    /// <paramref name="plaintext"/>; false, with <paramref name="plaintext"/> zeroed, when authentication fails.
    /// </summary>
    public static bool TryOpen(AesGcm aes, ReadOnlySpan<byte> stored, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var nonce = stored[..ChunkFormat.NonceSize];
        var ciphertext = stored.Slice(ChunkFormat.NonceSize, plaintext.Length);
        var tag = stored.Slice(ChunkFormat.NonceSize + plaintext.Length, ChunkFormat.TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }
}
