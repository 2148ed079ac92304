using System.Buffers;
using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// One disk opened for writing: its header and DEK. Each chunk a write touches is replaced whole, encrypted under a new
/// random nonce, in one conditional put: a chunk the write covers entirely is encrypted from the new bytes alone; a
/// chunk it covers in part is read, checked, decrypted, patched and put back only if no one changed it meanwhile
/// (retried otherwise). A write spanning chunks is atomic per chunk, not as a whole. Once stored, the chunks are secured
/// against a full re-encryption that started meanwhile (<see cref="ReencryptionFence"/>).
/// </summary>
public sealed class WritableDisk : IDisposable
{
    private const int MaxAttemptsPerChunk = 8;

    private readonly VersionedChunkStore _chunks;
    private readonly ReencryptionFence _fence;
    private readonly string _resourceName;
    private readonly string _diskName;
    private readonly string _identityClientId;
    private readonly DataEncryptionKey _dataEncryptionKey;
    private readonly ChunkCipher _cipher;

    internal WritableDisk(
        VersionedChunkStore chunks, ReencryptionFence fence, string resourceName, string diskName, string identityClientId, DiskHeader header, DataEncryptionKey dataEncryptionKey)
    {
        _chunks = chunks;
        _fence = fence;
        _resourceName = resourceName;
        _diskName = diskName;
        _identityClientId = identityClientId;
        _dataEncryptionKey = dataEncryptionKey;
        _cipher = new ChunkCipher(dataEncryptionKey, header);
    }

    /// <summary>The disk's plaintext length in bytes.</summary>
    public long Length => _cipher.Layout.Length;

    /// <summary>Writes the next <paramref name="count"/> bytes of <paramref name="body"/> at <paramref name="offset"/>, chunk by chunk.</summary>
    /// <exception cref="EndOfStreamException">The body ended before <paramref name="count"/> bytes; the chunks before that point are written.</exception>
    /// <exception cref="DiskIntegrityException">A chunk to patch failed its integrity check; it is left as it was.</exception>
    /// <exception cref="ConcurrentChunkWriteException">Other writers kept changing a chunk to patch.</exception>
    /// <exception cref="DiskReencryptedDuringWriteException">The disk switched to a new DEK generation under the write.</exception>
    public async Task WriteAsync(long offset, long count, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var written = new List<long>();
        try
        {
            await WriteChunksAsync(offset, count, body, written, cancellationToken);
        }
        finally
        {
            if (written.Count > 0)
            {
                await _fence.SecureAsync(_resourceName, _diskName, _cipher, written, _identityClientId, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _dataEncryptionKey.Dispose();
    }

    private async Task WriteChunksAsync(long offset, long count, Stream body, List<long> written, CancellationToken cancellationToken)
    {
        var layout = _cipher.Layout;
        var incoming = ArrayPool<byte>.Shared.Rent(layout.ChunkSize);
        var plaintext = ArrayPool<byte>.Shared.Rent(layout.ChunkSize);
        var stored = ArrayPool<byte>.Shared.Rent(layout.ChunkSize + ChunkFormat.Overhead + 1);
        try
        {
            var chunks = layout.ChunksCovering(offset, count);
            for (var index = chunks.First; index < chunks.End; index++)
            {
                var chunkStart = layout.ChunkStart(index);
                var chunkLength = layout.ChunkLengthAt(index);
                var from = (int)(Math.Max(offset, chunkStart) - chunkStart);
                var to = (int)(Math.Min(offset + count, chunkStart + chunkLength) - chunkStart);
                await body.ReadExactlyAsync(incoming.AsMemory(0, to - from), cancellationToken);
                var piece = new ChunkPiece(index, chunkLength, from, to);
                if (from == 0 && to == chunkLength)
                {
                    await ReplaceWholeAsync(piece, incoming, stored, cancellationToken);
                }
                else
                {
                    await PatchAsync(piece, incoming, plaintext, stored, cancellationToken);
                }

                written.Add(index);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(incoming.AsSpan(0, layout.ChunkSize));
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, layout.ChunkSize));
            ArrayPool<byte>.Shared.Return(incoming);
            ArrayPool<byte>.Shared.Return(plaintext);
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    private async Task ReplaceWholeAsync(ChunkPiece piece, byte[] incoming, byte[] stored, CancellationToken cancellationToken)
    {
        var storedLength = _cipher.Encrypt(piece.Index, incoming.AsSpan(0, piece.ChunkLength), stored);
        await _chunks.TryReplaceAsync(_resourceName, _diskName, _cipher.Header.DekGeneration, piece.Index, stored.AsMemory(0, storedLength), ifMatch: null, cancellationToken);
    }

    private async Task PatchAsync(ChunkPiece piece, byte[] incoming, byte[] plaintext, byte[] stored, CancellationToken cancellationToken)
    {
        var generation = _cipher.Header.DekGeneration;
        var room = _cipher.Layout.StoredChunkLengthAt(piece.Index) + 1;
        for (var attempt = 1; attempt <= MaxAttemptsPerChunk; attempt++)
        {
            var (length, etag) = await _chunks.ReadAsync(_resourceName, _diskName, generation, piece.Index, stored.AsMemory(0, room), cancellationToken);
            _cipher.Decrypt(piece.Index, stored.AsSpan(0, length), plaintext);
            incoming.AsSpan(0, piece.To - piece.From).CopyTo(plaintext.AsSpan(piece.From));
            var storedLength = _cipher.Encrypt(piece.Index, plaintext.AsSpan(0, piece.ChunkLength), stored);
            if (await _chunks.TryReplaceAsync(_resourceName, _diskName, generation, piece.Index, stored.AsMemory(0, storedLength), etag, cancellationToken))
            {
                return;
            }
        }

        throw new ConcurrentChunkWriteException(
            $"Chunk {piece.Index} of disk '{_diskName}' of resource '{_resourceName}' was changed by other writers {MaxAttemptsPerChunk} times while this write patched it; nothing of this write was applied to it.");
    }

    /// <summary>Bytes <c>[From, To)</c> of chunk <c>Index</c> (of <c>ChunkLength</c> bytes) are written.</summary>
    private readonly record struct ChunkPiece(long Index, int ChunkLength, int From, int To);
}
