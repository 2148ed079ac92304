using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Records;

/// <summary>A resource as it was asked for and validated: what never changes during its lifecycle.</summary>
public sealed record ResourceSpec
{
    public string Name { get; init; } = string.Empty;

    /// <summary>The kind's wire name, e.g. <c>hpc-cache</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    public string Region { get; init; } = string.Empty;

    public string SubscriptionId { get; init; } = string.Empty;

    /// <summary>The ARM id the resource has; its system-assigned identity hangs off it.</summary>
    public string ArmResourceId { get; init; } = string.Empty;

    public KeySource KeySource { get; init; }

    /// <summary>The key URI as given: versionless follows the latest version, versioned is pinned.</summary>
    public string? KeyUri { get; init; }

    public string? KeyVaultResourceId { get; init; }

    public ResourceIdentity? Identity { get; init; }

    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;
}
