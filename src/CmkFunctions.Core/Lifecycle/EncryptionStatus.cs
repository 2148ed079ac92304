namespace CmkFunctions.Core.Lifecycle;

/// <summary>Whether a resource's key is reachable, independently of its <see cref="ProvisioningState"/>; it moves freely both ways.</summary>
public enum EncryptionStatus
{
    Healthy,

    /// <summary>Key Vault refused access (403/404, disabled, expired or deleted key) past the cache window; data is unreadable, not lost.</summary>
    KeyInaccessible,
}
