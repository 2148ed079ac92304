namespace CmkFunctions.Host.Grains;

/// <summary>Names of the grain storage providers.</summary>
public static class StorageNames
{
    /// <summary>Resource, operation and registry state.</summary>
    public const string Resources = "resources";
}
