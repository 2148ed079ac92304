namespace CmkFunctions.Workflows.Disks.Provisioning;

/// <summary>The chunk work left on a resource's disks, and how many batches may run at once (<c>Cmk:WorkerConcurrency</c>).</summary>
public sealed record ProvisioningPlan(int Lanes, IReadOnlyList<DiskWork> Disks);

/// <summary>One disk's batches of chunks not yet in storage; none when it is done.</summary>
public sealed record DiskWork(string DiskName, IReadOnlyList<ChunkSpan> Batches);

/// <summary>Chunks <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> of a disk.</summary>
public sealed record ChunkSpan(long First, long Count);

/// <summary>
/// One activity's work: a span of one disk's chunks, encrypted from the disk's source (provisioning) or from its
/// current DEK generation into the next (<paramref name="Reencrypt"/>).
/// </summary>
public sealed record ChunkBatchStep(string ResourceName, string OperationId, string DiskName, long FirstChunk, long ChunkCount, bool Reencrypt);

/// <summary>One disk of a resource's operation.</summary>
public sealed record DiskStep(string ResourceName, string OperationId, string DiskName);
