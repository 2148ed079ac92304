namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>The disks with stored data, re-encrypted one after another, and how many batches may run at once (<c>Cmk:WorkerConcurrency</c>).</summary>
public sealed record ReencryptionPlan(int Lanes, IReadOnlyList<string> DiskNames);
