using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>A disk encrypted in memory: its header, DEK, random plaintext and the stored form of all its chunks.</summary>
internal sealed class TestDisk : IDisposable
{
    public TestDisk(DiskHeader header, DataEncryptionKey key, int seed = 1)
    {
        Header = header;
        Key = key;
        Cipher = new ChunkCipher(key, header);
        Plaintext = new byte[header.Length];
        new Random(seed).NextBytes(Plaintext);
        Stored = new byte[header.Layout.StoredLength];
        Cipher.EncryptChunks(header.Layout.AllChunks, Plaintext, Stored);
    }

    public DiskHeader Header { get; }

    public DataEncryptionKey Key { get; }

    public ChunkCipher Cipher { get; }

    public byte[] Plaintext { get; }

    public byte[] Stored { get; }

    public DiskLayout Layout => Header.Layout;

    public static TestDisk Create(long length, int chunkSize = 256, int seed = 1) =>
        new(DiskHeader.Create(Guid.NewGuid(), length, chunkSize), DataEncryptionKey.Generate(), seed);

    /// <summary>The stored bytes of one chunk, as a view into <see cref="Stored"/>.</summary>
    public Span<byte> StoredChunk(long chunkIndex) =>
        Stored.AsSpan((int)Layout.StoredChunkOffset(chunkIndex), Layout.StoredChunkLengthAt(chunkIndex));

    public byte[] DecryptAll() => DecryptAll(Stored);

    public byte[] DecryptAll(ReadOnlySpan<byte> stored)
    {
        var plaintext = new byte[Header.Length];
        Cipher.DecryptChunks(Layout.AllChunks, stored, plaintext);
        return plaintext;
    }

    public void Dispose()
    {
        Cipher.Dispose();
        Key.Dispose();
    }
}
