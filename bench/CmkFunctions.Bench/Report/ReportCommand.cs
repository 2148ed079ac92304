using System.Diagnostics;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench.Report;

/// <summary>
/// <c>report [names...]</c>: runs the benchmarks (all, or those named: a name selects every size, "rotate 1000" one) one after another, each as a child process of this
/// program so each starts from a fresh process and a failure ends only its own run, echoes their output, and writes
/// docs/benchmarks.md and docs/benchmarks.svg from their result lines.
/// </summary>
internal static class ReportCommand
{
    private const string ChartFileName = "benchmarks.svg";

    private static readonly string[][] Benchmarks =
    [
        ["crypto"],
        ["provision"],
        ["create", "1000"],
        ["rotate", "1000"],
        ["rotate", "10000"],
    ];

    public static int Run(string[] names)
    {
        var unknown = names.Where(name => !Benchmarks.Any(benchmark => Names(benchmark, name))).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"report: unknown benchmark {string.Join(", ", unknown)}; known: {string.Join(", ", Benchmarks.Select(benchmark => string.Join(' ', benchmark)))}");
            return 2;
        }

        var runs = Benchmarks.Where(benchmark => names.Length == 0 || names.Any(name => Names(benchmark, name))).Select(RunOne).ToList();
        var docs = Path.Combine(RepositoryLayout.Root, "docs");
        File.WriteAllText(Path.Combine(docs, "benchmarks.md"), BenchmarkReport.Markdown(Machine.Current(), DateTimeOffset.UtcNow, runs, ChartFileName));
        File.WriteAllText(Path.Combine(docs, ChartFileName), BenchmarkChart.Svg(runs));
        Console.WriteLine($"report: wrote docs/benchmarks.md and docs/{ChartFileName} ({runs.Count(run => run.Succeeded)} of {runs.Count} benchmarks succeeded)");
        return runs.All(run => run.Succeeded) ? 0 : 1;
    }

    /// <summary>Whether <paramref name="name"/> selects the benchmark: its name (every size of it) or its whole command, e.g. "rotate 1000".</summary>
    private static bool Names(string[] benchmark, string name) => name == benchmark[0] || name == string.Join(' ', benchmark);

    private static BenchmarkRun RunOne(string[] arguments)
    {
        var command = string.Join(' ', arguments);
        Console.WriteLine($"report: running {command}");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        // Under `dotnet CmkFunctions.Bench.dll` the process is the dotnet host, which needs the program's assembly first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ReportCommand).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        ResultLine? result = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            if (ResultLine.TryParse(line, out var parsed) && parsed.Name == arguments[0])
            {
                result = parsed;
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"report: {command} failed (exit code {process.ExitCode})");
        }

        return new BenchmarkRun(command, process.ExitCode, result);
    }
}
