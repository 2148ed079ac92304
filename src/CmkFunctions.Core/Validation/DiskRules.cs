using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>Checks requested disks: names, kinds the resource kind has, sizes and sources.</summary>
internal static class DiskRules
{
    private const int MaxNameLength = 80;

    public static List<DiskDefinition> Check(
        ResourceKind? kind,
        ResourceProperties properties,
        IReadOnlyList<DiskRequest>? disks,
        IReadOnlyCollection<string> existingNames,
        List<Violation> violations)
    {
        var names = new HashSet<string>(existingNames, StringComparer.OrdinalIgnoreCase);
        var definitions = new List<DiskDefinition>();
        foreach (var (index, disk) in (disks ?? []).Index())
        {
            var definition = Check(kind, properties, disk, index, names, violations);
            if (definition is not null)
            {
                definitions.Add(definition);
            }
        }

        return definitions;
    }

    /// <param name="index">The disk's place in the request's <c>disks</c>, for the violations' targets.</param>
    private static DiskDefinition? Check(ResourceKind? kind, ResourceProperties properties, DiskRequest disk, int index, HashSet<string> names, List<Violation> violations)
    {
        var count = violations.Count;
        if (disk.Name is null)
        {
            violations.Add(new(RuleCodes.DiskNameMissing, $"A disk in disks gives no name; set {Path("name")}.", Path("name")));
        }
        else if (!IsName(disk.Name))
        {
            violations.Add(new(RuleCodes.DiskNameInvalid,
                $"Disk name '{disk.Name}' must be 1-{MaxNameLength} letters, digits, hyphens, underscores or periods, starting with a letter or digit.", Path("name")));
        }
        else if (!names.Add(disk.Name))
        {
            violations.Add(new(RuleCodes.DiskNameDuplicate,
                $"Disk name '{disk.Name}' is used more than once; give each disk its own name.", Path("name")));
        }

        var diskKind = default(DiskKind);
        if (disk.Kind is null)
        {
            violations.Add(new(RuleCodes.DiskKindMissing,
                $"Disk '{disk.Name}' gives no kind; set {Path("kind")} to one of {Phrases.Quoted(DiskKindNames.All)}.", Path("kind")));
        }
        else if (!DiskKindNames.TryParse(disk.Kind, out diskKind))
        {
            violations.Add(new(RuleCodes.DiskKindUnknown,
                $"Disk '{disk.Name}' has kind '{disk.Kind}', which is not a disk kind; use one of {Phrases.Quoted(DiskKindNames.All)}.", Path("kind")));
        }
        else if (kind is not null)
        {
            CheckKindHasDisk(kind, properties, disk, diskKind, Path("kind"), violations);
        }

        if (disk.SizeBytes is not { } sizeBytes)
        {
            violations.Add(new(RuleCodes.DiskSizeMissing,
                $"Disk '{disk.Name}' gives no size; set {Path("sizeBytes")} to its size in bytes, greater than 0.", Path("sizeBytes")));
        }
        else if (sizeBytes <= 0)
        {
            violations.Add(new(RuleCodes.DiskSize,
                $"Disk '{disk.Name}' has size {sizeBytes} bytes; a disk needs a size greater than 0 bytes.", Path("sizeBytes")));
        }

        Uri? source = null;
        if (disk.SourceUri is not null && !Uri.TryCreate(disk.SourceUri, UriKind.Absolute, out source))
        {
            violations.Add(new(RuleCodes.DiskSourceUriMalformed,
                $"Disk '{disk.Name}' has sourceUri '{disk.SourceUri}', which is not an absolute URI; give the URL of an image or snapshot blob, or none for an empty disk.", Path("sourceUri")));
        }

        return violations.Count == count ? new DiskDefinition(disk.Name!, diskKind, disk.SizeBytes!.Value, source) : null;

        string Path(string member) => RequestPaths.Disk(index, member);
    }

    private static void CheckKindHasDisk(ResourceKind kind, ResourceProperties properties, DiskRequest disk, DiskKind diskKind, string target, List<Violation> violations)
    {
        var rule = kind.FindDiskRule(diskKind);
        if (rule is null)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.DiskKind),
                $"{kind.DisplayName} has no '{diskKind.ToName()}' disks (disk '{disk.Name}'); use {Phrases.Either(kind.Disks.Select(d => $"'{d.Kind.ToName()}'"))}.", target));
        }
        else if (rule.OnlyWhen is { } condition && !condition.IsMetBy(properties))
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.DiskKindNotApplicable),
                $"{kind.DisplayName} has '{diskKind.ToName()}' disks only when {condition}; disk '{disk.Name}' is '{diskKind.ToName()}' and {PropertyRules.Current(properties, condition.Name)}. Set {condition.Name} to '{condition.Value}' or remove disk '{disk.Name}'.", target));
        }
    }

    private static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
