namespace CmkFunctions.Host.Disks;

/// <summary>
/// The seam between a resource's lifecycle and its disks' data path.
/// <para>
/// <c>ResourceGrain</c> calls <see cref="ProvisionAsync"/> once the resource key exists (state ProvisioningDisks),
/// with the disks not yet reported done, and moves to Succeeded when it returns. It calls it again with the disks
/// still missing after a crash, a restart or a failure (it retries on its next tick), so provisioning must be
/// idempotent: resume, or redo a disk from scratch. Each disk's completion is reported through
/// <paramref name="diskProvisioned"/> (persisted by the caller) before the call returns. Work honours
/// <paramref name="cancellationToken"/>: the resource is being deleted or its host is stopping.
/// </para>
/// <para>
/// <see cref="DeleteAsync"/> removes everything stored for a resource's disks; deleting what is already gone succeeds.
/// </para>
/// </summary>
public interface IDiskProvisioner
{
    Task ProvisionAsync(DiskProvisioningRequest request, Func<string, Task> diskProvisioned, CancellationToken cancellationToken);

    Task DeleteAsync(string resourceName, CancellationToken cancellationToken);
}
