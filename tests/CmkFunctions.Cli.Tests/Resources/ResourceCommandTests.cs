using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace CmkFunctions.Cli.Tests.Resources;

/// <summary><c>cmk resource ...</c>, <c>cmk disk read</c> and <c>cmk operation</c> end to end against a real host.</summary>
[Collection(CliTestFixture.Collection)]
public sealed partial class ResourceCommandTests(CliTestFixture fixture) : IDisposable
{
    private readonly CliScenario _scenario = new(fixture);
    private readonly string _directory = Directory.CreateTempSubdirectory("cmk-tests-").FullName;

    private Cmk Cmk => fixture.Cmk;

    [Fact]
    public async Task HpcCacheLivesItsWholeLifeThroughCmk()
    {
        var source = await _scenario.UploadSourceAsync();
        var (key, identity) = await _scenario.KeyAndIdentityAsync();
        var name = CliTestFixture.Unique("cli");

        var created = await Succeeds(_scenario.CreateHpcCache(name, key, identity, source, "--no-wait"));
        var operation = created.Json["operation"]!.GetValue<string>();
        Assert.StartsWith(fixture.Host.BaseUri + "api/operations/", operation, StringComparison.Ordinal);
        Assert.Equal(name, created.Json["resource"]!["name"]!.GetValue<string>());
        var waiting = await Succeeds("resource", "wait", name, "--state", "WaitingForKey", "--timeout", "60", "--query", ".provisioningState", "--output", "tsv");
        Assert.Equal("WaitingForKey", waiting.Output.Trim());

        await _scenario.GrantAsync(identity);
        await Succeeds("resource", "authorize", name);
        var succeeded = await Succeeds("resource", "wait", name, "--state", "Succeeded", "--timeout", "120");
        Assert.Equal(key.ToString(), succeeded.Json["encryption"]!["activeKeyId"]!.GetValue<string>());
        var createOperation = await Succeeds("operation", "wait", operation, "--query", ".status", "--output", "tsv");
        Assert.Equal("Succeeded", createOperation.Output.Trim());

        var table = await Succeeds("resource", "list", "--output", "table");
        Assert.Matches(@"^Name\s+Kind\s+Region\s+ProvisioningState\s+EncryptionStatus\s+ActiveKeyId$", table.OutputLines[0]);
        Assert.Matches(@"^-+(\s+-+){5}$", table.OutputLines[1]);
        Assert.Contains(table.OutputLines, line => Regex.IsMatch(line, $@"^{name}\s+hpc-cache\s+eastus\s+Succeeded\s+Healthy\s+{Regex.Escape(key.ToString())}$"));
        var list = await Succeeds("resource", "list");
        Assert.Contains(list.Json["value"]!.AsArray(), resource => resource!["name"]!.GetValue<string>() == name);
        var names = await Succeeds("resource", "list", "--query", ".value[].name");
        Assert.Contains(name, names.Json.AsArray().Select(node => node!.GetValue<string>()));

        var newer = await _scenario.Admin.RotateKeyAsync(CliTestFixture.DemoVault, key.Name);
        var rotated = await Succeeds("resource", "encryption", "update", name, "--key-version", newer.Version!, "--query", ".encryption.activeKeyId", "--output", "tsv");
        Assert.Equal(newer.ToString(), rotated.Output.Trim());

        var file = Path.Combine(_directory, "cache0.bin");
        await Succeeds("disk", "read", name, CliScenario.Disk, "--file", file);
        Assert.Equal(_scenario.ExpectedDisk(), await File.ReadAllBytesAsync(file));
        var part = Path.Combine(_directory, "part.bin");
        await Succeeds("disk", "read", name, CliScenario.Disk, "--file", part, "--range", "bytes=65530-65545");
        Assert.Equal(_scenario.ExpectedDisk().AsSpan(65530, 16).ToArray(), await File.ReadAllBytesAsync(part));

        var patch = Path.Combine(_directory, "patch.bin");
        await File.WriteAllBytesAsync(patch, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        await Succeeds("disk", "write", name, CliScenario.Disk, "--file", patch, "--offset", "65530");
        await Succeeds("disk", "read", name, CliScenario.Disk, "--file", part, "--range", "bytes=65528-65541");
        Assert.Equal([.. _scenario.ExpectedDisk().AsSpan(65528, 2), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, .. _scenario.ExpectedDisk().AsSpan(65540, 2)], await File.ReadAllBytesAsync(part));

        var deleted = await Succeeds("resource", "delete", name);
        Assert.Equal("Succeeded", deleted.Json["status"]!.GetValue<string>());
        var gone = await Cmk.RunAsync("resource", "show", name);
        Assert.True(gone.ExitCode == 1, gone.ToString());
        Assert.Contains($"Resource '{name}' does not exist.", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitShowsItsProgressOnATerminalAndExitsThreeWhenTimeRunsOut()
    {
        var source = await _scenario.UploadSourceAsync();
        var (key, identity) = await _scenario.KeyAndIdentityAsync();
        var name = CliTestFixture.Unique("tty");
        await Succeeds(_scenario.CreateHpcCache(name, key, identity, source, "--no-wait"));
        await Succeeds("resource", "wait", name, "--state", "WaitingForKey", "--timeout", "60");

        var waited = await Cmk.RunOnTerminalAsync("resource", "wait", name, "--state", "Succeeded", "--timeout", "3");

        Assert.True(waited.ExitCode == 3, waited.ToString());
        Assert.Contains("\r\u001b[Kwaiting for Succeeded: WaitingForKey", waited.Output, StringComparison.Ordinal);
        Assert.Contains($"Resource '{name}' is still WaitingForKey, not Succeeded, after 3 s.", waited.Output, StringComparison.Ordinal);
        await Succeeds("resource", "delete", name);
    }

    [Fact]
    public async Task ListReadsEveryPageAndABadPageSizeIsTheServicesRefusal()
    {
        var source = await _scenario.UploadSourceAsync();
        var (key, identity) = await _scenario.KeyAndIdentityAsync();
        string[] created = [CliTestFixture.Unique("page"), CliTestFixture.Unique("page")];
        foreach (var name in created)
        {
            await Succeeds(_scenario.CreateHpcCache(name, key, identity, source, "--no-wait"));
        }

        var paged = await Succeeds("resource", "list", "--page-size", "1", "--query", ".value[].name", "--output", "tsv");
        var whole = await Succeeds("resource", "list", "--query", ".value[].name", "--output", "tsv");
        var refused = await Cmk.RunAsync("resource", "list", "--page-size", "0");

        Assert.Superset(created.ToHashSet(), paged.OutputLines.ToHashSet());
        Assert.Equal(whole.OutputLines, paged.OutputLines);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        var line = Assert.Single(refused.ErrorLines);
        Assert.StartsWith("request.page-size: The query parameter $top", line, StringComparison.Ordinal);
        Assert.EndsWith("(at $top)", line, StringComparison.Ordinal);
        foreach (var name in created)
        {
            await Succeeds("resource", "delete", name, "--no-wait");
        }
    }

    [Fact]
    public async Task RefusedCreatePrintsEachViolationOnItsOwnLineAndExitsOne()
    {
        var refused = await Cmk.RunAsync(
            "resource", "create", CliTestFixture.Unique("bad"),
            "--kind", "submarine",
            "--region", "eastus",
            "--subscription", fixture.Integration.KeyVault.SubscriptionId,
            "--key-source", "Microsoft.KeyVault",
            "--key-uri", "https://nowhere.example/keys",
            "--identity", "robot");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Empty(refused.Output);
        Assert.True(refused.ErrorLines.Count >= 3, refused.ToString());
        Assert.All(refused.ErrorLines, line => Assert.Matches(ViolationLine(), line));
        Assert.Contains(refused.ErrorLines, line => line.StartsWith("request.kind-unknown: Kind 'submarine' is not supported", StringComparison.Ordinal) && line.EndsWith("(at kind)", StringComparison.Ordinal));
        Assert.Contains(refused.ErrorLines, line => line.StartsWith("request.identity-type-unknown: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyFileIsSentAsItIsAndItsRefusalNamesTheMember()
    {
        var body = Path.Combine(_directory, "request.json");
        await File.WriteAllTextAsync(body, """{ "kind": "hpc-cache", "region": "eastus", "disks": [ { "name": "d", "kind": "data", "sizeBytes": "large" } ] }""");

        var refused = await Cmk.RunAsync("resource", "create", CliTestFixture.Unique("body"), "--body", "@" + body);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        var line = Assert.Single(refused.ErrorLines);
        Assert.StartsWith("request.json-type-mismatch: disks[0].sizeBytes must be an integer", line, StringComparison.Ordinal);
        Assert.EndsWith("(at disks[0].sizeBytes)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCommandLinesAreUsageErrors()
    {
        var badDisk = await Cmk.RunAsync("resource", "create", CliTestFixture.Unique("usage"), "--kind", "hpc-cache", "--disk", "cache0:data");
        var badQuery = await Cmk.RunAsync("resource", "list", "--query", "value");
        var unknownOption = await Cmk.RunAsync("resource", "list", "--colour", "red");

        Assert.True(badDisk.ExitCode == 2, badDisk.ToString());
        Assert.Contains("--disk 'cache0:data' is not name:kind:sizeBytes[:sourceUri]", badDisk.Error, StringComparison.Ordinal);
        Assert.True(badQuery.ExitCode == 2, badQuery.ToString());
        Assert.True(unknownOption.ExitCode == 2, unknownOption.ToString());
    }

    [Fact]
    public async Task CallerWithoutTheRoleGetsExitCodeFourWithTheReason()
    {
        var auditor = await fixture.Integration.Admin.CreateUserAssignedIdentityAsync(CliTestFixture.Unique("auditor"), appRoles: ["Cmk.Reader"]);

        var refused = await Cmk.RunAsync("resource", "delete", CliTestFixture.Unique("any"), "--client-id", auditor.ClientId);

        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains("403", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Cmk.Contributor", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<CmkRun> Succeeds(params string[] arguments)
    {
        var run = await Cmk.RunAsync(arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    [GeneratedRegex(@"^[a-z0-9-]+\.[a-z0-9.-]+: .+")]
    private static partial Regex ViolationLine();
}
