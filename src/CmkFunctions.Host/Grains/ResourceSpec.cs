using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Grains;

/// <summary>A resource as it was asked for and validated: what never changes during its lifecycle.</summary>
[GenerateSerializer, Immutable, Alias("cmk.ResourceSpec")]
public sealed record ResourceSpec
{
    [Id(0)] public string Name { get; init; } = string.Empty;

    /// <summary>The kind's wire name, e.g. <c>hpc-cache</c>.</summary>
    [Id(1)] public string Kind { get; init; } = string.Empty;

    [Id(2)] public string Region { get; init; } = string.Empty;

    [Id(3)] public string SubscriptionId { get; init; } = string.Empty;

    /// <summary>The ARM id the resource has; its system-assigned identity hangs off it.</summary>
    [Id(4)] public string ArmResourceId { get; init; } = string.Empty;

    [Id(5)] public KeySource KeySource { get; init; }

    /// <summary>The key URI as given: versionless follows the latest version, versioned is pinned.</summary>
    [Id(6)] public string? KeyUri { get; init; }

    [Id(7)] public string? KeyVaultResourceId { get; init; }

    [Id(8)] public ResourceIdentity? Identity { get; init; }

    [Id(9)] public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;
}
