using System.Diagnostics;
using CmkFunctions.Testing;

namespace CmkFunctions.Cli.Tests;

/// <summary>
/// The built <c>cmk</c> (<c>dotnet src/CmkFunctions.Cli/bin/CONFIGURATION/net10.0/cmk.dll</c>), run to completion as a
/// child process with only the environment an operator's shell would have after <c>. .dev/env</c>: the managed-identity
/// endpoint, the service's URL and audience, and the identity to call as (<c>AZURE_CLIENT_ID</c>). Unlike
/// <see cref="ChildProcess"/>, which keeps servers running, it keeps stdout and stderr apart for assertions.
/// </summary>
public sealed class Cmk(IReadOnlyDictionary<string, string> environment)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static string Path { get; } = System.IO.Path.Combine(
        RepositoryLayout.Root, "src", "CmkFunctions.Cli", "bin", RepositoryLayout.BuildConfiguration, "net10.0", "cmk.dll");

    /// <summary>The same identity and endpoints, another service URL.</summary>
    public Cmk WithEndpoint(Uri endpoint) => new(new Dictionary<string, string>(environment) { ["CMK_HOST_URL"] = endpoint.ToString() });

    public Task<CmkRun> RunAsync(params string[] arguments) => RunAsync("dotnet", [Path, .. arguments], arguments);

    /// <summary>
    /// Runs cmk on a pseudo-terminal (util-linux <c>script</c>), as in an operator's terminal: stdout and stderr both
    /// arrive in <see cref="CmkRun.Output"/>, terminal control sequences included.
    /// </summary>
    public Task<CmkRun> RunOnTerminalAsync(params string[] arguments)
    {
        var command = string.Join(' ', ((string[])["dotnet", Path, .. arguments]).Select(argument => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return RunAsync("script", ["--quiet", "--return", "--command", command, "/dev/null"], arguments);
    }

    private async Task<CmkRun> RunAsync(string fileName, IReadOnlyList<string> commandLine, string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"cmk is not built: {Path} is missing.", Path);
        }

        var start = new ProcessStartInfo(fileName)
        {
            // Kept open until the end: script stops at the end of its input.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryLayout.Root,
        };
        foreach (var argument in commandLine)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(IsOperatorSetting).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cmk {string.Join(' ', arguments)} ran longer than {Timeout}; stderr so far:\n{await error}");
        }

        return new CmkRun(arguments, process.ExitCode, await output, await error);
    }

    private static bool IsOperatorSetting(string variable) =>
        variable.StartsWith("CMK_", StringComparison.Ordinal) || variable.StartsWith("AZURE_", StringComparison.Ordinal)
        || variable is "IDENTITY_ENDPOINT" or "IDENTITY_HEADER";
}
