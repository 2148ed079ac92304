namespace CmkFunctions.Workflows.ScaleUp;

/// <summary>Why a scale-up was refused, with nothing changed: the codes of <see cref="ScaleUpClaim"/>'s answer.</summary>
public static class ScaleUpRefusals
{
    public const string NotFound = "resource.not-found";
    public const string Busy = "scale-up.resource-busy";
    public const string DiskExists = "scale-up.disk-exists";
    public const string KeyInaccessible = "scale-up.key-inaccessible";
}
