namespace CmkFunctions.Core.Kinds;

/// <summary>Which key protects one disk, and why. A disk that cannot take CMK stays MMK; that is not an error.</summary>
public sealed record DiskKeySourceDecision(KeySource KeySource, string Reason);
