using System.ComponentModel.DataAnnotations;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Settings;

/// <summary>Host-wide settings, section <c>Cmk</c> (defaults in <c>host.json</c>); validated at start.</summary>
public sealed class CmkOptions
{
    public const string Section = "Cmk";

    /// <summary>How long after creation a resource may wait for its identity to be granted access (90 minutes for HPC Cache).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AuthorizationTimeout { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>How often a waiting resource re-checks its identity's access on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan AuthorizationCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(ChunkFormat.MinChunkSize, ChunkFormat.MaxChunkSize)]
    public int ChunkSizeBytes { get; set; } = ChunkFormat.DefaultChunkSize;

    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = 4;

    /// <summary>How long an unwrapped key stays usable after Key Vault last confirmed access.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeyCacheWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a resource re-checks its identity's access to its key on its own (wrap, then unwrap).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each host counts the resources by state for the <c>cmk.resources</c> gauge (a listing of the records).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CensusInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a finished operation (completed, failed or terminated) stays readable at <c>GET /api/operations/{id}</c>,
    /// counted from its start; then its orchestration's state and history are purged. Zero purges each as soon as it finishes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan OperationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the self-hosted host purges the operations past <see cref="OperationRetention"/> (the Functions app: hourly).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan OperationPurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The blob container that holds every disk.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$")]
    public string DisksContainer { get; set; } = "disks";

    /// <summary>The resource group the service's resources live in; part of their ARM ids (system-assigned identities hang off them).</summary>
    [Required]
    public string ResourceGroup { get; set; } = "cmk-resources";

    /// <summary>ARM's endpoint (the local Key Vault's management URL when run locally).</summary>
    [Required]
    public Uri? ManagementEndpoint { get; set; }

    /// <summary>The client id of the service's own managed identity; empty means its system-assigned identity.</summary>
    public string? ServiceIdentityClientId { get; set; }

    /// <summary>
    /// The versionless id of the key the service owns for Microsoft-managed keys, in a vault where
    /// <see cref="ServiceIdentityClientId"/> may get, wrap and unwrap; unset leaves Microsoft-managed disks without data.
    /// </summary>
    public string? PlatformKeyUri { get; set; }

    /// <summary>
    /// Who issues the API's bearer tokens: the Entra ID authority whose OpenID Connect metadata gives issuer and signing
    /// keys (<c>https://login.microsoftonline.com/organizations</c> for callers from any tenant; the local Key Vault's
    /// <c>CMK_LOGIN_URL</c> + <c>common</c> locally).
    /// </summary>
    [Required]
    public Uri? ApiAuthority { get; set; }

    /// <summary>The audience the API's tokens must carry: the API app registration's application id URI.</summary>
    [Required]
    public string? ApiAudience { get; set; }

    /// <summary>A PEM file with one more CA to trust for Key Vault, ARM and the token issuer (the local Key Vault's CA); local runs only.</summary>
    public string? KeyVaultCaCertificate { get; set; }

    /// <summary>True locally: the local Key Vault's challenge names https://vault.azure.net while its host is 127.0.0.1.</summary>
    public bool DisableChallengeResourceVerification { get; set; }
}
