using System.Globalization;
using System.Text;

namespace CmkFunctions.Bench.Report;

/// <summary>
/// The benchmarks page, docs/benchmarks.md: the machine and date, each run's result line as a table of its fields (or
/// that it failed), and the chart beside it. Knows no benchmark's fields: whatever a result line prints is tabled.
/// </summary>
internal static class BenchmarkReport
{
    public static string Markdown(Machine machine, DateTimeOffset date, IReadOnlyList<BenchmarkRun> runs, string chartFileName)
    {
        var page = new StringBuilder();
        page.AppendLine("# Benchmarks")
            .AppendLine()
            .AppendLine(Invariant($"Measured on {date:yyyy-MM-dd} (UTC) by `./dev.sh bench report`, which regenerates this page and its chart."))
            .AppendLine("What each benchmark measures and against which peer: [README](../README.md#benchmarks).")
            .AppendLine()
            .AppendLine("## Machine")
            .AppendLine()
            .AppendLine("| | |")
            .AppendLine("|---|---|")
            .AppendLine(Invariant($"| CPU | {Cell(machine.Cpu)} |"))
            .AppendLine(Invariant($"| cores | {machine.Cores} |"))
            .AppendLine(Invariant($"| memory | {machine.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB |"))
            .AppendLine(Invariant($"| OS | {Cell(machine.OperatingSystem)} |"))
            .AppendLine(Invariant($"| .NET | {Cell(machine.Runtime)} |"))
            .AppendLine()
            .AppendLine("## Results")
            .AppendLine()
            .AppendLine("Each table is one benchmark's result line as it printed it: throughputs in MiB/s, rates per second, times in seconds.")
            .AppendLine();
        foreach (var run in runs)
        {
            AppendRun(page, run);
        }

        page.AppendLine("## Chart")
            .AppendLine()
            .AppendLine("Left: seconds from a key's rotation until every follower uses the new version, against the windows in which Azure promises")
            .AppendLine("to finish its own automatic key rotation (log scales). Right: provisioning throughput of the encrypted path and its two peers.")
            .AppendLine()
            .AppendLine(Invariant($"![Rotation seconds against Azure's auto-rotation windows; provisioning MiB/s of three paths]({chartFileName})"));
        return page.ToString();
    }

    private static void AppendRun(StringBuilder page, BenchmarkRun run)
    {
        page.AppendLine(Invariant($"### `{run.Command}`")).AppendLine();
        if (!run.Succeeded)
        {
            page.AppendLine(run.Result is null
                ? Invariant($"**Failed** (exit code {run.ExitCode}), without a result line.")
                : Invariant($"**Failed** (exit code {run.ExitCode}); its result line:"))
                .AppendLine();
        }

        if (run.Result is { } result)
        {
            page.AppendLine("| " + string.Join(" | ", result.Fields.Select(field => Cell(field.Key))) + " |")
                .AppendLine("|" + string.Concat(result.Fields.Select(_ => "---:|")))
                .AppendLine("| " + string.Join(" | ", result.Fields.Select(field => Cell(field.Value))) + " |")
                .AppendLine();
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
