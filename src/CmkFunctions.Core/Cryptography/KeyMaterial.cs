using System.Security.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// 256 bits of plaintext key material in a buffer on the pinned object heap, so the garbage collector never
/// leaves copies behind when it compacts; zeroed on <see cref="Dispose"/>.
/// </summary>
internal sealed class KeyMaterial : IDisposable
{
    public const int Length = 32;

    private readonly byte[] buffer = GC.AllocateArray<byte>(Length, pinned: true);
    private bool disposed;

    private KeyMaterial()
    {
    }

    public static KeyMaterial Random()
    {
        var material = new KeyMaterial();
        RandomNumberGenerator.Fill(material.buffer);
        return material;
    }

    /// <summary>Key material to be filled in place through <see cref="Writable"/> (unwrapping decrypts straight into it).</summary>
    public static KeyMaterial Empty() => new();

    public static KeyMaterial CopyOf(ReadOnlySpan<byte> source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException($"Key material must be {Length} bytes, not {source.Length}.", nameof(source));
        }

        var material = new KeyMaterial();
        source.CopyTo(material.buffer);
        return material;
    }

    public ReadOnlySpan<byte> Span => Writable;

    public ReadOnlyMemory<byte> Memory
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return buffer;
        }
    }

    public Span<byte> Writable
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return buffer;
        }
    }

    /// <summary>True when every byte of the buffer is zero: what tests observe after <see cref="Dispose"/>.</summary>
    public bool IsZeroed => !buffer.AsSpan().ContainsAnyExcept((byte)0);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(buffer);
        disposed = true;
    }
}
