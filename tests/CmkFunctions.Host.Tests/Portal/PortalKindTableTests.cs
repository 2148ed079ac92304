using System.Text.RegularExpressions;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Tests.Portal;

/// <summary>The page's per-kind table (<c>kinds.js</c>), which its forms follow, says what <see cref="ResourceKinds"/> says.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class PortalKindTableTests(HostTestFixture fixture)
{
    public static TheoryData<string> Kinds => [.. ResourceKinds.All.Select(kind => kind.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ThePagesTableGivesEachKindItsRules(string name)
    {
        var kind = ResourceKinds.Get(name);
        using var anonymous = fixture.Host.HttpAs(null);
        var table = await anonymous.GetStringAsync(new Uri("/portal/kinds.js", UriKind.Relative));

        var entry = Regex.Match(table, $$"""\n  (?:"{{Regex.Escape(name)}}"|{{Regex.Escape(name)}}): \{(?<rules>.*?)\n  \},""", RegexOptions.Singleline);

        Assert.True(entry.Success, $"kinds.js has no entry for {name}.");
        var rules = entry.Groups["rules"].Value;
        Assert.Contains($"displayName: \"{kind.DisplayName}\"", rules, StringComparison.Ordinal);
        Assert.Contains($"identityTypes: [{Quoted(kind.IdentityTypes.Select(type => type.ToName()))}]", rules, StringComparison.Ordinal);
        Assert.Contains($"keySizes: [{string.Join(", ", kind.KeySizes)}]", rules, StringComparison.Ordinal);
        Assert.Contains($"versionedKeyRequired: {(kind.VersionedKeyRequired ? "true" : "false")}", rules, StringComparison.Ordinal);
        Assert.Contains($"diskKinds: [{Quoted(kind.Disks.Select(disk => disk.Kind.ToName()))}]", rules, StringComparison.Ordinal);
        Assert.Contains(kind.KeyChanges == KeyChanges.None ? "keyChanges: null" : "keyChanges: {", rules, StringComparison.Ordinal);
        Assert.Contains($"keySourceSwitches: [{Quoted(Switches(kind.KeySourceSwitches))}]", rules, StringComparison.Ordinal);
        Assert.All(kind.Properties, property => Assert.Contains($"name: \"{property.Name}\"", rules, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Switches(KeySourceSwitches switches) => switches == KeySourceSwitches.None ? [] : ["Microsoft.KeyVault", "Microsoft.Platform"];

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"\"{value}\""));
}
