namespace CmkFunctions.Core.Kinds;

public enum DiskKind
{
    Os,

    /// <summary>Managed data disks; HPC Cache's cache disks and VMware's vSAN disks are data disks.</summary>
    Data,

    /// <summary>Temporary (resource) disks.</summary>
    Temp,

    Persistence,

    /// <summary>NVMe flash disks.</summary>
    Flash,

    Scratch,

    Metadata,
}

public static class DiskKindNames
{
    private static readonly Dictionary<string, DiskKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["os"] = DiskKind.Os,
        ["data"] = DiskKind.Data,
        ["temp"] = DiskKind.Temp,
        ["persistence"] = DiskKind.Persistence,
        ["flash"] = DiskKind.Flash,
        ["scratch"] = DiskKind.Scratch,
        ["metadata"] = DiskKind.Metadata,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out DiskKind kind) => ByName.TryGetValue(name ?? string.Empty, out kind);

    /// <summary>The wire name: <c>os</c>, <c>data</c>, <c>temp</c>, <c>persistence</c>, <c>flash</c>, <c>scratch</c>, <c>metadata</c>.</summary>
    public static string ToName(this DiskKind kind) => kind.ToString().ToLowerInvariant();
}
