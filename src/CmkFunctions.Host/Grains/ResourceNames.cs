using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>The registry's state: the names of every resource that exists.</summary>
[GenerateSerializer, Immutable, Alias("cmk.ResourceNames")]
public sealed record ResourceNames
{
    [Id(0)] public ImmutableSortedSet<string> Names { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
