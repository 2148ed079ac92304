using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>Every way stored chunks can be damaged fails with its own reason, the disk id and the chunk index.</summary>
public sealed class ChunkTamperingTests : IDisposable
{
    private const int ChunkSize = 256;

    // Four chunks, the last one short.
    private readonly TestDisk disk = TestDisk.Create(length: 3 * ChunkSize + 100, ChunkSize);

    public void Dispose() => disk.Dispose();

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(ChunkFormat.NonceSize + 17)] // ciphertext
    [InlineData(ChunkFormat.NonceSize + ChunkSize + 3)] // tag
    public void FlippedBitFailsAuthenticationOfThatChunk(int byteInChunk)
    {
        disk.StoredChunk(1)[byteInChunk] ^= 0x10;

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll());

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 1);
    }

    [Fact]
    public void SwappedChunksFailAuthentication()
    {
        var first = disk.StoredChunk(0).ToArray();
        disk.StoredChunk(1).CopyTo(disk.StoredChunk(0));
        first.CopyTo(disk.StoredChunk(1));

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll());

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 0);
    }

    [Fact]
    public void ChunkCopiedFromAnotherDiskUnderTheSameDekFailsAuthentication()
    {
        // The same DEK on both disks isolates the disk id in the associated data as what catches the copy.
        var other = new DiskHeader(ChunkFormat.Version, Guid.NewGuid(), ChunkSize, disk.Header.Length, disk.Header.DekGeneration);
        using var otherCipher = new ChunkCipher(disk.Key, other);
        otherCipher.Encrypt(2, disk.Plaintext.AsSpan(2 * ChunkSize, ChunkSize), disk.StoredChunk(2));

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll());

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 2);
    }

    [Fact]
    public void ChunkFromAnEarlierDekGenerationFailsAuthentication()
    {
        using var next = new ChunkCipher(disk.Key, disk.Header.NextGeneration());
        var stored = disk.StoredChunk(0).ToArray();
        var plaintext = new byte[ChunkSize];

        var failure = Assert.Throws<DiskIntegrityException>(() => next.Decrypt(0, stored, plaintext));

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 0);
    }

    [Fact]
    public void ChunkFromAnotherDiskWithItsOwnDekFailsAuthentication()
    {
        using var other = TestDisk.Create(disk.Header.Length, ChunkSize, seed: 2);
        other.StoredChunk(3).CopyTo(disk.StoredChunk(3));

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll());

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 3);
    }

    [Fact]
    public void TruncatedLastChunkIsALengthMismatch()
    {
        var truncated = disk.Stored[..^1];

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll(truncated));

        AssertFailure(failure, DiskIntegrityFailure.ChunkLengthMismatch, chunkIndex: 3);
    }

    [Fact]
    public void TruncatedChunkAloneIsALengthMismatch()
    {
        var truncated = disk.StoredChunk(1)[..^ChunkFormat.TagSize].ToArray();

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.Cipher.Decrypt(1, truncated, new byte[ChunkSize]));

        AssertFailure(failure, DiskIntegrityFailure.ChunkLengthMismatch, chunkIndex: 1);
    }

    [Fact]
    public void StoredDataLongerThanTheLayoutIsALengthMismatch()
    {
        var longer = new byte[disk.Stored.Length + 1];
        disk.Stored.CopyTo(longer, 0);

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll(longer));

        AssertFailure(failure, DiskIntegrityFailure.ChunkLengthMismatch, chunkIndex: 3);
    }

    [Fact]
    public void DiskTruncatedAtAChunkBoundaryReportsTheFirstMissingChunk()
    {
        var truncated = disk.Stored[..(int)disk.Layout.StoredChunkOffset(2)];

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll(truncated));

        AssertFailure(failure, DiskIntegrityFailure.ChunkMissing, chunkIndex: 2);
    }

    [Fact]
    public void NeverWrittenChunkOfZerosIsMissing()
    {
        disk.StoredChunk(1).Clear();

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.DecryptAll());

        AssertFailure(failure, DiskIntegrityFailure.ChunkMissing, chunkIndex: 1);
    }

    [Fact]
    public void EmptyStoredChunkIsMissing()
    {
        var failure = Assert.Throws<DiskIntegrityException>(() => disk.Cipher.Decrypt(0, [], new byte[ChunkSize]));

        AssertFailure(failure, DiskIntegrityFailure.ChunkMissing, chunkIndex: 0);
    }

    [Fact]
    public void FailedRangeReadLeavesTheDestinationZeroed()
    {
        disk.StoredChunk(1)[ChunkFormat.NonceSize] ^= 0x01;
        var destination = new byte[2 * ChunkSize];
        var offset = ChunkSize / 2;
        var chunks = disk.Layout.ChunksCovering(offset, destination.Length);
        var stored = disk.Stored.AsSpan((int)disk.Layout.StoredChunkOffset(chunks.First), (int)disk.Layout.StoredLengthOf(chunks)).ToArray();

        var failure = Assert.Throws<DiskIntegrityException>(() => disk.Cipher.DecryptRange(offset, stored, destination));

        AssertFailure(failure, DiskIntegrityFailure.ChunkAuthenticationFailed, chunkIndex: 1);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void FailedChunkDecryptionLeavesTheDestinationZeroed()
    {
        disk.StoredChunk(2)[^1] ^= 0x80;
        var plaintext = new byte[disk.Header.Length];

        Assert.Throws<DiskIntegrityException>(() => disk.Cipher.DecryptChunks(disk.Layout.AllChunks, disk.Stored, plaintext));

        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    private void AssertFailure(DiskIntegrityException failure, DiskIntegrityFailure reason, long chunkIndex)
    {
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(disk.Header.DiskId, failure.DiskId);
        Assert.Equal(chunkIndex, failure.ChunkIndex);
    }
}
