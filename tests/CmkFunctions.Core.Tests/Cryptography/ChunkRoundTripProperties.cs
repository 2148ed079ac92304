using CmkFunctions.Core.Cryptography;
using FsCheck.Xunit;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class ChunkRoundTripProperties
{
    [Property(Arbitrary = [typeof(DiskShapes)], MaxTest = 300)]
    public void EncryptedDiskDecryptsToItsPlaintext(DiskShape shape)
    {
        using var disk = TestDisk.Create(shape.Length, shape.ChunkSize, shape.Seed);

        var decrypted = disk.DecryptAll();

        Assert.Equal(disk.Plaintext, decrypted);
    }

    [Property(Arbitrary = [typeof(DiskShapes)], MaxTest = 300)]
    public void RangeReadReturnsTheBytesAtThatOffset(DiskShape shape)
    {
        using var disk = TestDisk.Create(shape.Length, shape.ChunkSize, shape.Seed);
        var chunks = disk.Layout.ChunksCovering(shape.Offset, shape.Count);
        var stored = disk.Stored.AsSpan(
            (int)disk.Layout.StoredChunkOffset(chunks.First),
            (int)disk.Layout.StoredLengthOf(chunks));
        var destination = new byte[shape.Count];

        disk.Cipher.DecryptRange(shape.Offset, stored, destination);

        Assert.Equal(disk.Plaintext.AsSpan((int)shape.Offset, (int)shape.Count).ToArray(), destination);
    }

    [Property(Arbitrary = [typeof(DiskShapes)], MaxTest = 300)]
    public void ChunkByChunkEncryptionDecryptsLikeRangeEncryption(DiskShape shape)
    {
        using var disk = TestDisk.Create(shape.Length, shape.ChunkSize, shape.Seed);
        var stored = new byte[disk.Layout.StoredLength];
        for (long index = 0; index < disk.Layout.ChunkCount; index++)
        {
            var start = (int)disk.Layout.ChunkStart(index);
            disk.Cipher.Encrypt(
                index,
                disk.Plaintext.AsSpan(start, disk.Layout.ChunkLengthAt(index)),
                stored.AsSpan((int)disk.Layout.StoredChunkOffset(index)));
        }

        var decrypted = disk.DecryptAll(stored);

        Assert.Equal(disk.Plaintext, decrypted);
    }

    [Property(Arbitrary = [typeof(DiskShapes)], MaxTest = 300)]
    public void RewritingAChunkPicksAFreshNonce(DiskShape shape)
    {
        using var disk = TestDisk.Create(Math.Max(1, shape.Length), shape.ChunkSize, shape.Seed);
        var before = disk.StoredChunk(0)[..ChunkFormat.NonceSize].ToArray();

        disk.Cipher.Encrypt(0, disk.Plaintext.AsSpan(0, disk.Layout.ChunkLengthAt(0)), disk.StoredChunk(0));

        Assert.NotEqual(before, disk.StoredChunk(0)[..ChunkFormat.NonceSize].ToArray());
    }
}
