namespace CmkFunctions.Core.Kinds;

/// <summary>What of a customer-managed key may change after a resource is created.</summary>
[Flags]
public enum KeyChanges
{
    None = 0,
    Version = 1,
    Key = 2,
    Vault = 4,

    /// <summary>Switch between a versionless key id (follow the latest version) and a versioned one (pinned).</summary>
    Pinning = 8,
}
