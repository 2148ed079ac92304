using Azure.Core;

namespace CmkFunctions.KeyVault;

/// <summary>
/// Options for <see cref="KeyVaultClient"/>. Retries default to exponential backoff of 1, 2, 4, 8 and 16 seconds,
/// or the service's <c>Retry-After</c> when it sends one; set <see cref="ClientOptions.Retry"/> to change them.
/// </summary>
public sealed class KeyVaultClientOptions : ClientOptions
{
    public KeyVaultClientOptions() => RetryDefaults.Apply(Retry);

    /// <summary>
    /// Skips the check that the resource in Key Vault's authentication challenge belongs to the vault's host,
    /// like the Azure SDK's option of the same name. Only for vaults whose host is not under the challenge's
    /// resource, such as the local Key Vault on 127.0.0.1.
    /// </summary>
    public bool DisableChallengeResourceVerification { get; set; }
}
