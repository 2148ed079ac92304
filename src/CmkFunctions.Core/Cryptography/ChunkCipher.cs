using System.Buffers;
using System.Security.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Encrypts and decrypts one disk's chunks (layout in <see cref="ChunkFormat"/>) under its DEK, between
/// caller-provided buffers, without allocating per chunk. Decryption either returns the exact plaintext or
/// throws <see cref="DiskIntegrityException"/> and leaves the destination zeroed. Not thread-safe: give each
/// worker its own. Holds a copy of the DEK inside <see cref="AesGcm"/>, cleared on <see cref="Dispose"/>.
/// </summary>
public sealed class ChunkCipher : IDisposable
{
    private readonly AesGcm aes;

    public ChunkCipher(DataEncryptionKey key, DiskHeader header)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(header);
        aes = new AesGcm(key.Material.Span, ChunkFormat.TagSize);
        Header = header;
    }

    public DiskHeader Header { get; }

    public DiskLayout Layout => Header.Layout;

    /// <summary>
    /// Encrypts one whole chunk under a fresh random nonce into <paramref name="stored"/>, which must not overlap
    /// <paramref name="plaintext"/>. Returns the stored length written.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="plaintext"/> is not the chunk's length, or <paramref name="stored"/> is too short.</exception>
    public int Encrypt(long chunkIndex, ReadOnlySpan<byte> plaintext, Span<byte> stored)
    {
        var length = Layout.ChunkLengthAt(chunkIndex);
        if (plaintext.Length != length)
        {
            throw new ArgumentException($"Chunk {chunkIndex} holds {length} bytes, not {plaintext.Length}.", nameof(plaintext));
        }

        var storedLength = length + ChunkFormat.Overhead;
        if (stored.Length < storedLength)
        {
            throw new ArgumentException($"Chunk {chunkIndex} needs {storedLength} bytes of storage, not {stored.Length}.", nameof(stored));
        }

        Span<byte> associatedData = stackalloc byte[AssociatedData.ChunkLength];
        AssociatedData.WriteChunk(Header, chunkIndex, length, associatedData);
        RandomNumberGenerator.Fill(stored[..ChunkFormat.NonceSize]);
        AesGcmEnvelope.Seal(aes, plaintext, associatedData, stored[..storedLength]);
        return storedLength;
    }

    /// <summary>Decrypts one whole stored chunk; returns the plaintext length written.</summary>
    /// <exception cref="DiskIntegrityException">The stored chunk is missing, truncated or not authentic.</exception>
    public int Decrypt(long chunkIndex, ReadOnlySpan<byte> stored, Span<byte> plaintext)
    {
        var length = Layout.ChunkLengthAt(chunkIndex);
        if (plaintext.Length < length)
        {
            throw new ArgumentException($"Chunk {chunkIndex} holds {length} bytes; the destination has {plaintext.Length}.", nameof(plaintext));
        }

        ThrowIfLonger(new ChunkRange(chunkIndex, 1), stored);
        Open(chunkIndex, stored, plaintext[..length]);
        return length;
    }

    /// <summary>
    /// Encrypts consecutive whole chunks (exactly their plaintext) into their stored form, back to back as they
    /// lie on the disk. Returns the stored length written.
    /// </summary>
    public int EncryptChunks(ChunkRange chunks, ReadOnlySpan<byte> plaintext, Span<byte> stored)
    {
        var plaintextLength = Layout.LengthOf(chunks);
        if (plaintext.Length != plaintextLength)
        {
            throw new ArgumentException($"Chunks [{chunks.First}, {chunks.End}) hold {plaintextLength} bytes, not {plaintext.Length}.", nameof(plaintext));
        }

        var plaintextOffset = 0;
        var storedOffset = 0;
        for (var index = chunks.First; index < chunks.End; index++)
        {
            var length = Layout.ChunkLengthAt(index);
            storedOffset += Encrypt(index, plaintext.Slice(plaintextOffset, length), stored[storedOffset..]);
            plaintextOffset += length;
        }

        return storedOffset;
    }

    /// <summary>
    /// Decrypts consecutive whole chunks from their stored form as read from storage: stored data that ends early
    /// reports the first absent chunk as missing, or the chunk it cuts as truncated. Returns the plaintext length.
    /// </summary>
    /// <exception cref="DiskIntegrityException">A chunk is missing, truncated or not authentic.</exception>
    public int DecryptChunks(ChunkRange chunks, ReadOnlySpan<byte> stored, Span<byte> plaintext)
    {
        var plaintextLength = Layout.LengthOf(chunks);
        if (plaintext.Length < plaintextLength)
        {
            throw new ArgumentException($"Chunks [{chunks.First}, {chunks.End}) hold {plaintextLength} bytes; the destination has {plaintext.Length}.", nameof(plaintext));
        }

        ThrowIfLonger(chunks, stored);
        var plaintextOffset = 0;
        var storedOffset = 0;
        try
        {
            for (var index = chunks.First; index < chunks.End; index++)
            {
                var length = Layout.ChunkLengthAt(index);
                Open(index, stored[storedOffset..], plaintext.Slice(plaintextOffset, length));
                plaintextOffset += length;
                storedOffset += length + ChunkFormat.Overhead;
            }
        }
        catch (DiskIntegrityException)
        {
            CryptographicOperations.ZeroMemory(plaintext[..plaintextOffset]);
            throw;
        }

        return plaintextOffset;
    }

    /// <summary>
    /// Reads the plaintext bytes from <paramref name="offset"/> into all of <paramref name="destination"/>, given
    /// the stored form of the chunks that range touches (<see cref="DiskLayout.ChunksCovering"/>), read from
    /// <see cref="DiskLayout.StoredChunkOffset"/> of the first.
    /// </summary>
    /// <exception cref="DiskIntegrityException">A chunk is missing, truncated or not authentic.</exception>
    public void DecryptRange(long offset, ReadOnlySpan<byte> stored, Span<byte> destination)
    {
        var chunks = Layout.ChunksCovering(offset, destination.Length);
        ThrowIfLonger(chunks, stored);
        var written = 0;
        var storedOffset = 0;
        try
        {
            for (var index = chunks.First; index < chunks.End; index++)
            {
                var length = Layout.ChunkLengthAt(index);
                var skip = (int)Math.Max(0, offset - Layout.ChunkStart(index));
                var take = Math.Min(length - skip, destination.Length - written);
                if (take == length)
                {
                    Open(index, stored[storedOffset..], destination.Slice(written, length));
                }
                else
                {
                    OpenPart(index, stored[storedOffset..], skip, destination.Slice(written, take));
                }

                written += take;
                storedOffset += length + ChunkFormat.Overhead;
            }
        }
        catch (DiskIntegrityException)
        {
            CryptographicOperations.ZeroMemory(destination);
            throw;
        }
    }

    public void Dispose() => aes.Dispose();

    private void OpenPart(long chunkIndex, ReadOnlySpan<byte> stored, int skip, Span<byte> destination)
    {
        var length = Layout.ChunkLengthAt(chunkIndex);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Open(chunkIndex, stored, buffer.AsSpan(0, length));
            buffer.AsSpan(skip, destination.Length).CopyTo(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Opens the chunk at the start of <paramref name="stored"/>, which may run on into later chunks.</summary>
    private void Open(long chunkIndex, ReadOnlySpan<byte> stored, Span<byte> plaintext)
    {
        var storedLength = plaintext.Length + ChunkFormat.Overhead;
        if (stored.IsEmpty)
        {
            throw DiskIntegrityException.ForChunk(
                DiskIntegrityFailure.ChunkMissing, Header.DiskId, chunkIndex, "the stored data ends before this chunk.");
        }

        if (stored.Length < storedLength)
        {
            throw DiskIntegrityException.ForChunk(
                DiskIntegrityFailure.ChunkLengthMismatch,
                Header.DiskId,
                chunkIndex,
                $"the stored chunk is {stored.Length} bytes; the disk's layout says {storedLength}.");
        }

        var chunk = stored[..storedLength];
        Span<byte> associatedData = stackalloc byte[AssociatedData.ChunkLength];
        AssociatedData.WriteChunk(Header, chunkIndex, plaintext.Length, associatedData);
        if (AesGcmEnvelope.TryOpen(aes, chunk, associatedData, plaintext))
        {
            return;
        }

        throw chunk.ContainsAnyExcept((byte)0)
            ? DiskIntegrityException.ForChunk(
                DiskIntegrityFailure.ChunkAuthenticationFailed,
                Header.DiskId,
                chunkIndex,
                "authentication failed: the chunk was altered, moved from another position, or copied from another disk or DEK generation.")
            : DiskIntegrityException.ForChunk(
                DiskIntegrityFailure.ChunkMissing, Header.DiskId, chunkIndex, "the chunk was never written (its stored bytes are all zeros).");
    }

    private void ThrowIfLonger(ChunkRange chunks, ReadOnlySpan<byte> stored)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        var storedLength = Layout.StoredLengthOf(chunks);
        if (stored.Length > storedLength)
        {
            throw DiskIntegrityException.ForChunk(
                DiskIntegrityFailure.ChunkLengthMismatch,
                Header.DiskId,
                chunks.End - 1,
                $"the stored data is {stored.Length} bytes; the disk's layout says {storedLength} up to the end of this chunk.");
        }
    }
}
