using System.Buffers;
using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Keeps a data-plane write from being lost to a full re-encryption that started while it ran: the re-encryption
/// activities copy generation N's chunks to N+1 (<see cref="Reencryption.PlanDiskReencryption"/> stores N+1's metadata
/// beside the disk's, <see cref="Provisioning.EncryptChunkBatch"/> copies the chunks) and
/// <see cref="Reencryption.SwitchDiskGeneration"/> switches last, so a chunk written under N after its copy would vanish
/// at the switch. Once a write has stored its chunks under N, this looks at the disk: with no next generation in the
/// making and the disk still on N, any later copy reads the write; with one in the making, each written chunk is carried
/// over, copied again until N's chunk stayed the same while it was copied; when the disk has already moved on, the write
/// is reported as not applied.
/// </summary>
public sealed class ReencryptionFence(DiskStore store, VersionedChunkStore chunks, ResourceKeyCache keys)
{
    /// <param name="written">The cipher the write used (its generation N).</param>
    /// <param name="indexes">The chunks the write stored under N.</param>
    /// <param name="identityClientId">The managed identity that unwraps the disk's resource key.</param>
    /// <exception cref="DiskReencryptedDuringWriteException">The disk moved to a new DEK generation before the write could be carried over.</exception>
    public async Task SecureAsync(
        string resourceName, string diskName, ChunkCipher written, IReadOnlyCollection<long> indexes, string identityClientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(indexes);
        var generation = written.Header.DekGeneration;

        // The next generation is read before the current one: were it gone by then, a finished switch shows in the metadata.
        var next = await store.ReadNextMetadataAsync(resourceName, diskName, cancellationToken);
        if (next is null || next.Header.DekGeneration != generation + 1)
        {
            if ((await store.ReadMetadataAsync(resourceName, diskName, cancellationToken))?.Header.DekGeneration != generation)
            {
                throw NotApplied(resourceName, diskName);
            }

            return;
        }

        using var nextKey = await keys.UnwrapDataEncryptionKeyAsync(next, identityClientId, cancellationToken);
        using var nextCipher = new ChunkCipher(nextKey, next.Header);
        foreach (var index in indexes)
        {
            await CarryOverAsync(resourceName, diskName, written, nextCipher, index, cancellationToken);
        }
    }

    private async Task CarryOverAsync(string resourceName, string diskName, ChunkCipher from, ChunkCipher to, long index, CancellationToken cancellationToken)
    {
        var layout = from.Layout;
        var room = layout.StoredChunkLengthAt(index) + 1;
        var stored = ArrayPool<byte>.Shared.Rent(room);
        var plaintext = ArrayPool<byte>.Shared.Rent(layout.ChunkSize);
        try
        {
            while (true)
            {
                var (length, etag) = await chunks.ReadAsync(resourceName, diskName, from.Header.DekGeneration, index, stored.AsMemory(0, room), cancellationToken);
                if (etag is null)
                {
                    // Generation N is already deleted: the disk switched, and whether the copy saw this write is unknown.
                    throw NotApplied(resourceName, diskName);
                }

                var plaintextLength = from.Decrypt(index, stored.AsSpan(0, length), plaintext);
                var storedLength = to.Encrypt(index, plaintext.AsSpan(0, plaintextLength), stored);
                await chunks.TryReplaceAsync(resourceName, diskName, to.Header.DekGeneration, index, stored.AsMemory(0, storedLength), ifMatch: null, cancellationToken);
                if (await chunks.ETagOfAsync(resourceName, diskName, from.Header.DekGeneration, index, cancellationToken) == etag)
                {
                    return;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, layout.ChunkSize));
            ArrayPool<byte>.Shared.Return(plaintext);
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    private static DiskReencryptedDuringWriteException NotApplied(string resourceName, string diskName) =>
        new($"Disk '{diskName}' of resource '{resourceName}' was re-encrypted with a new DEK while this write ran, so the write may not have been applied.");
}
