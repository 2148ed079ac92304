namespace CmkFunctions.Core.Validation;

/// <summary>The result of checking disks added to an existing resource: every violation, and the typed disks when there are none.</summary>
public sealed record AddedDisksValidation(IReadOnlyList<Violation> Violations, IReadOnlyList<DiskDefinition> Disks)
{
    public bool IsValid => Violations.Count == 0;
}
