namespace CmkFunctions.Host.Disks;

/// <summary>The encryption worker pool of a host (DESIGN §1): each call encrypts one <see cref="ChunkBatch"/> into storage.</summary>
[Alias("cmk.IChunkEncryptionWorker")]
public interface IChunkEncryptionWorker : IGrainWithIntegerKey
{
    /// <summary>Encrypts the batch's chunks and stores each create-only; returns how many it stored (the others were there already).</summary>
    [Alias("Encrypt")]
    Task<int> EncryptAsync(ChunkBatch batch, CancellationToken cancellationToken = default);
}
