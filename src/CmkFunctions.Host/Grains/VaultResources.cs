using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>The state of <see cref="VaultResourcesGrain"/>: resource name to the name of its key in the vault.</summary>
[GenerateSerializer, Immutable, Alias("cmk.VaultResources")]
public sealed record VaultResources
{
    [Id(0)] public ImmutableSortedDictionary<string, string> KeyNames { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
