namespace CmkFunctions.Core.Kinds;

/// <summary>A disk kind a resource kind has, when it takes CMK, and why it otherwise stays MMK.</summary>
/// <param name="StaysPlatformManagedBecause">The sentence reported for a disk of this kind that stays MMK.</param>
/// <param name="OnlyWhen">Set when the resource has disks of this kind only under a property value (Redis flash disks: Flash Optimized tier).</param>
public sealed record DiskRule(DiskKind Kind, DiskCmkCondition TakesCmk, string StaysPlatformManagedBecause, PropertyCondition? OnlyWhen = null);
