using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// The work of one <c>EncryptChunkBatch</c> activity: reads the batch's plaintext from the source in one ranged read (zeros past its end or
/// without one), or for a full re-encryption from the disk's previous DEK generation, encrypts chunk by chunk under the disk's DEK, and stores each chunk create-only while the next is
/// read and encrypted. Buffers come from the shared pool; plaintext ones are cleared before they go back.
/// </summary>
public sealed class ChunkBatchEncryptor(DiskStore store, DiskSources sources, ResourceKeyCache keys)
{
    private const int UploadsInFlight = 4;

    public async Task<int> EncryptAsync(ChunkBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var metadata = DiskMetadataJson.Deserialize(batch.Metadata);
        var layout = metadata.Header.Layout;
        var chunks = new ChunkRange(batch.FirstChunk, batch.ChunkCount);
        using var dataEncryptionKey = await keys.UnwrapDataEncryptionKeyAsync(metadata, batch.IdentityClientId, cancellationToken);
        using var cipher = new ChunkCipher(dataEncryptionKey, metadata.Header);
        var uploads = new List<Task<bool>>(UploadsInFlight);
        var created = 0;
        try
        {
            var index = chunks.First;
            await foreach (var plaintext in PlaintextAsync(batch, layout, chunks, cancellationToken))
            {
                var stored = ArrayPool<byte>.Shared.Rent(plaintext.Length + ChunkFormat.Overhead);
                var storedLength = cipher.Encrypt(index, plaintext.Span, stored);
                uploads.Add(StoreAsync(batch, metadata.Header.DekGeneration, index++, stored, storedLength, cancellationToken));
                if (uploads.Count == UploadsInFlight)
                {
                    created += await NextStoredAsync(uploads);
                }
            }

            while (uploads.Count > 0)
            {
                created += await NextStoredAsync(uploads);
            }

            return created;
        }
        finally
        {
            await Task.WhenAll(uploads).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Each chunk's plaintext in order, valid until the next is asked for: from the previous generation when re-encrypting, else from the source.</summary>
    private IAsyncEnumerable<ReadOnlyMemory<byte>> PlaintextAsync(ChunkBatch batch, DiskLayout layout, ChunkRange chunks, CancellationToken cancellationToken) =>
        batch.PreviousMetadata is { } previous
            ? PreviousGenerationAsync(batch, DiskMetadataJson.Deserialize(previous), chunks, cancellationToken)
            : SourceAsync(batch, layout, chunks, cancellationToken);

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> SourceAsync(
        ChunkBatch batch, DiskLayout layout, ChunkRange chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var source = await OpenSourceAsync(batch, layout, chunks, cancellationToken);
        var plaintext = ArrayPool<byte>.Shared.Rent(layout.ChunkSize);
        try
        {
            for (var index = chunks.First; index < chunks.End; index++)
            {
                var length = layout.ChunkLengthAt(index);
                await FillAsync(source, plaintext.AsMemory(0, length), cancellationToken);
                yield return plaintext.AsMemory(0, length);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, layout.ChunkSize));
            ArrayPool<byte>.Shared.Return(plaintext);
        }
    }

    /// <summary>The previous generation's chunks, decrypted and checked (same chunk size, so one piece per chunk).</summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> PreviousGenerationAsync(
        ChunkBatch batch, DiskMetadata previous, ChunkRange chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = previous.Header.Layout;
        var dataEncryptionKey = await keys.UnwrapDataEncryptionKeyAsync(previous, batch.IdentityClientId, cancellationToken);
        using var content = new DiskContent(store, batch.ResourceName, batch.DiskName, previous.Header, dataEncryptionKey);
        await foreach (var piece in content.ReadAsync(layout.ChunkStart(chunks.First), layout.LengthOf(chunks), cancellationToken))
        {
            yield return piece;
        }
    }

    private async Task<Stream?> OpenSourceAsync(ChunkBatch batch, DiskLayout layout, ChunkRange chunks, CancellationToken cancellationToken)
    {
        var start = layout.ChunkStart(chunks.First);
        var length = Math.Min(layout.LengthOf(chunks), batch.SourceLength - start);
        return batch.SourceUri is null || length <= 0 ? null : await sources.OpenRangeAsync(batch.SourceUri, start, length, cancellationToken);
    }

    private async Task<bool> StoreAsync(ChunkBatch batch, uint dekGeneration, long index, byte[] stored, int storedLength, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryCreateChunkAsync(batch.ResourceName, batch.DiskName, dekGeneration, index, stored, storedLength, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    private static async Task<int> NextStoredAsync(List<Task<bool>> uploads)
    {
        var finished = await Task.WhenAny(uploads);
        uploads.Remove(finished);
        return await finished ? 1 : 0;
    }

    /// <summary>Fills <paramref name="buffer"/> with the next source bytes; past the source's end (or without one) with zeros.</summary>
    private static async Task FillAsync(Stream? source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = source is null ? 0 : await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        buffer.Span[filled..].Clear();
    }
}
