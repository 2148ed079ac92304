using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CmkFunctions.Infra.Tests;

/// <summary>The Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package, run offline against the repository.</summary>
internal static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The package's <c>tools/bicep</c>, as the build found it.</summary>
    public static string Path { get; } =
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPath").Value!;

    /// <summary>Runs <c>bicep ARGUMENTS</c> in the repository's root and returns once it has exited.</summary>
    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await output, await error);
    }

    /// <summary>A diagnostic line: <c>FILE(LINE,COLUMN) : Warning|Error CODE: MESSAGE</c>.</summary>
    [GeneratedRegex(@"^.+\(\d+,\d+\) : (Warning|Error) ", RegexOptions.Multiline)]
    internal static partial Regex Diagnostic();
}

/// <summary>One finished run of the Bicep CLI.</summary>
internal sealed record BicepRun(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Whether the tool reported a warning or an error, on either stream.</summary>
    public bool ReportsWarningsOrErrors => BicepCli.Diagnostic().IsMatch(Error) || BicepCli.Diagnostic().IsMatch(Output);

    /// <summary>What the tool said, for a failure message.</summary>
    public override string ToString() =>
        $"bicep {Command} exited {ExitCode}.{Environment.NewLine}stderr:{Environment.NewLine}{Error}{Environment.NewLine}stdout:{Environment.NewLine}{Output}";
}
