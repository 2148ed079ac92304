namespace CmkFunctions.Host.Grains;

/// <summary>Why a scale-up was refused: the codes of <see cref="IResourceScaleUpGrain.AddDisksAsync"/>'s answer.</summary>
public static class ScaleUpRefusals
{
    public const string NotFound = "resource.not-found";
    public const string Busy = "scale-up.resource-busy";
    public const string DiskExists = "scale-up.disk-exists";
    public const string KeyInaccessible = "scale-up.key-inaccessible";
}
