using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Documentation;

/// <summary>
/// The README walkthrough, run as written: every bash block of its section after <c>./dev.sh run</c>, in one shell, in a
/// folder whose <c>.dev/env</c> points at a host of its own, the fixture's Azurite and local Key Vault, and callers with
/// the roles <c>./dev.sh up</c> gives <c>operator</c> and <c>auditor</c>. A block that no longer works fails this test.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed partial class ReadmeWalkthroughTests(HostTestFixture fixture)
{
    private const string Section = "## Walkthrough";

    [Fact]
    public async Task EveryCommandOfTheWalkthroughRunsAsWritten()
    {
        var script = WalkthroughScript(await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "README.md")));
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("readme"), HostTestFixture.FastSettings);
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Integration.TemporaryDirectory, TestNames.Unique("readme"))).FullName;
        Directory.CreateDirectory(Path.Combine(folder, ".dev"));
        await File.WriteAllTextAsync(Path.Combine(folder, ".dev", "env"), await EnvironmentFileAsync(host));
        await File.WriteAllTextAsync(Path.Combine(folder, "walkthrough.sh"), "set -e\n" + script);

        await using var shell = ChildProcess.Start("README walkthrough", "bash", ["walkthrough.sh"], workingDirectory: folder);
        try
        {
            await shell.WaitForExitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the walkthrough did not finish within 3 minutes:\n{shell.OutputTail}");
        }

        var output = shell.OutputTail;

        Assert.True(shell.ExitCode == 0, $"the walkthrough failed (exit {shell.ExitCode}):\n{output}");
        Assert.Contains("HTTP/1.1 202 Accepted", output, StringComparison.Ordinal);
        Assert.Contains("needs one of the app roles Cmk.Contributor", output, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 401 Unauthorized", output, StringComparison.Ordinal);
        Assert.Contains("\"provisioningState\": \"Succeeded\"", output, StringComparison.Ordinal);
        Assert.EndsWith("\"Succeeded\"\n404", output.TrimEnd(), StringComparison.Ordinal);
    }

    /// <summary>The section's bash blocks, un-indented, without the one that starts the stack.</summary>
    private static string WalkthroughScript(string readme)
    {
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{Section}' section");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var script = new StringBuilder();
        foreach (Match block in BashBlock().Matches(section))
        {
            var indent = block.Groups["indent"].Value;
            var lines = block.Groups["body"].Value.Split('\n').Select(line => line.StartsWith(indent, StringComparison.Ordinal) ? line[indent.Length..] : line);
            var text = string.Join('\n', lines);
            if (!text.TrimStart().StartsWith("./dev.sh", StringComparison.Ordinal))
            {
                script.Append(text).Append('\n');
            }
        }

        return script.ToString();
    }

    /// <summary>What <c>./dev.sh run</c> writes to <c>.dev/env</c>, for this host and the fixture's tools.</summary>
    private async Task<string> EnvironmentFileAsync(HostProcess host)
    {
        var admin = fixture.Integration.Admin;
        var variables = new Dictionary<string, string>(fixture.KeyVault.Variables)
        {
            ["CMK_HOST_URL"] = host.BaseUri.ToString().TrimEnd('/'),
            ["CMK_API_AUDIENCE"] = ApiCallers.Audience,
            ["CMK_API_AUTHORITY"] = new Uri(fixture.KeyVault.LoginUri, "common").ToString(),
            ["CMK_OPERATOR_CLIENT_ID"] = (await admin.CreateUserAssignedIdentityAsync(
                TestNames.Unique("operator"), appRoles: [ApiCallers.Reader, ApiCallers.Contributor, ApiCallers.DiskDataReader, ApiCallers.DiskDataWriter])).ClientId,
            ["CMK_AUDITOR_CLIENT_ID"] = (await admin.CreateUserAssignedIdentityAsync(TestNames.Unique("auditor"), appRoles: [ApiCallers.Reader])).ClientId,
        };
        return string.Concat(variables.Select(variable => string.Create(CultureInfo.InvariantCulture, $"export {variable.Key}='{variable.Value}'\n")));
    }

    [GeneratedRegex(@"^(?<indent>[ ]*)```bash\n(?<body>.*?)^\k<indent>```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
