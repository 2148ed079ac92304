using Azure.Core;

namespace CmkFunctions.KeyVault;

/// <summary>Options for <see cref="KeyVaultManagementClient"/>; retries default as <see cref="KeyVaultClientOptions"/>'s do.</summary>
public sealed class KeyVaultManagementClientOptions : ClientOptions
{
    public KeyVaultManagementClientOptions() => RetryDefaults.Apply(Retry);
}
