using Orleans.Concurrency;

namespace CmkFunctions.Host.Disks;

/// <summary>
/// A stateless worker: Orleans runs as many activations on the calling host as there are calls in flight, up to
/// <see cref="MaxActivations"/>, so the caller's concurrency (<c>Cmk:WorkerConcurrency</c>) is the pool's size.
/// </summary>
[StatelessWorker(MaxActivations)]
public sealed class ChunkEncryptionWorker(ChunkBatchEncryptor encryptor) : Grain, IChunkEncryptionWorker
{
    /// <summary>The upper bound of <c>Cmk:WorkerConcurrency</c>.</summary>
    public const int MaxActivations = 256;

    public Task<int> EncryptAsync(ChunkBatch batch, CancellationToken cancellationToken) => encryptor.EncryptAsync(batch, cancellationToken);
}
