using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// One disk opened for reading: its header and DEK. <see cref="ReadAsync"/> decrypts chunk by chunk into one pooled
/// buffer while the next chunks download, so a read of any size holds a few chunks in memory, never the disk.
/// </summary>
public sealed class DiskContent : IDisposable
{
    private const int ChunksInFlight = 4;

    private readonly DiskStore _store;
    private readonly string _resourceName;
    private readonly string _diskName;
    private readonly DataEncryptionKey _dataEncryptionKey;
    private readonly ChunkCipher _cipher;

    internal DiskContent(DiskStore store, string resourceName, string diskName, DiskHeader header, DataEncryptionKey dataEncryptionKey)
    {
        _store = store;
        _resourceName = resourceName;
        _diskName = diskName;
        _dataEncryptionKey = dataEncryptionKey;
        _cipher = new ChunkCipher(dataEncryptionKey, header);
    }

    /// <summary>The disk's plaintext length in bytes.</summary>
    public long Length => _cipher.Layout.Length;

    /// <summary>
    /// The plaintext bytes <c>[offset, offset + count)</c> in order, a chunk's worth at a time. Each piece is valid until
    /// the next is asked for. A chunk that is missing, cut short or not authentic throws before any of its bytes are given.
    /// </summary>
    /// <exception cref="DiskIntegrityException">A chunk failed its integrity check.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(long offset, long count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var layout = _cipher.Layout;
        var chunks = layout.ChunksCovering(offset, count);
        var downloads = new Queue<Task<(byte[] Buffer, int Length)>>();
        var nextDownload = chunks.First;
        var plaintext = ArrayPool<byte>.Shared.Rent(layout.ChunkSize);
        try
        {
            for (var index = chunks.First; index < chunks.End; index++)
            {
                while (nextDownload < chunks.End && downloads.Count < ChunksInFlight)
                {
                    downloads.Enqueue(DownloadAsync(nextDownload++, cancellationToken));
                }

                var length = Decrypt(index, await downloads.Dequeue(), plaintext);
                var chunkStart = layout.ChunkStart(index);
                var from = (int)Math.Max(0, offset - chunkStart);
                var to = (int)Math.Min(length, offset + count - chunkStart);
                yield return plaintext.AsMemory(from, to - from);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, layout.ChunkSize));
            ArrayPool<byte>.Shared.Return(plaintext);
            while (downloads.TryDequeue(out var download))
            {
                await ReturnWhenDoneAsync(download);
            }
        }
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _dataEncryptionKey.Dispose();
    }

    private int Decrypt(long index, (byte[] Buffer, int Length) stored, byte[] plaintext)
    {
        try
        {
            return _cipher.Decrypt(index, stored.Buffer.AsSpan(0, stored.Length), plaintext);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored.Buffer);
        }
    }

    private async Task<(byte[] Buffer, int Length)> DownloadAsync(long index, CancellationToken cancellationToken)
    {
        // One byte more than the chunk should have, so a stored chunk that is too long shows.
        var buffer = ArrayPool<byte>.Shared.Rent(_cipher.Layout.StoredChunkLengthAt(index) + 1);
        try
        {
            var length = await _store.ReadChunkAsync(
                _resourceName, _diskName, _cipher.Header.DekGeneration, index, buffer.AsMemory(0, _cipher.Layout.StoredChunkLengthAt(index) + 1), cancellationToken);
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static async Task ReturnWhenDoneAsync(Task<(byte[] Buffer, int Length)> download)
    {
        try
        {
            ArrayPool<byte>.Shared.Return((await download).Buffer);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The read was abandoned; its failure no longer matters and its buffer was already returned.
        }
    }
}
