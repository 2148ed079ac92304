namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>The body of <c>POST /api/resources/{name}/disks</c> (scale-up): the disks to add.</summary>
public sealed record AddDisksBody(IReadOnlyList<DiskBody>? Disks);
