using CmkFunctions.Bench.Report;

namespace CmkFunctions.Bench.Tests.Report;

public class BenchmarkReportTests
{
    private static readonly Machine Machine = new("Example CPU @ 3.0GHz", 2, 8L * 1024 * 1024 * 1024, "Debian 13 (Linux 6.1)", ".NET 10.0.1");

    [Fact]
    public void Page_NamesTheMachineAndDate()
    {
        var page = BenchmarkReport.Markdown(Machine, new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), [], "benchmarks.svg");

        Assert.Contains("| CPU | Example CPU @ 3.0GHz |", page, StringComparison.Ordinal);
        Assert.Contains("| cores | 2 |", page, StringComparison.Ordinal);
        Assert.Contains("| memory | 8.0 GiB |", page, StringComparison.Ordinal);
        Assert.Contains("| .NET | .NET 10.0.1 |", page, StringComparison.Ordinal);
        Assert.Contains("2026-11-30", page, StringComparison.Ordinal);
        Assert.Contains("](benchmarks.svg)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_TablesEveryFieldOfAnyResultLine()
    {
        var page = BenchmarkReport.Markdown(Machine, DateTimeOffset.UnixEpoch, [Run("create 1000", 0, "create: n=1000 per_s=85.2 novel_field=yes")], "benchmarks.svg");

        Assert.Contains("### `create 1000`", page, StringComparison.Ordinal);
        Assert.Contains("| n | per_s | novel_field |\n|---:|---:|---:|\n| 1000 | 85.2 | yes |", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_RecordsAFailedBenchmarkAndGoesOn()
    {
        var page = BenchmarkReport.Markdown(Machine, DateTimeOffset.UnixEpoch,
            [Run("rotate 10000", 1, null), Run("crypto", 0, "crypto: encrypt=2500")], "benchmarks.svg");

        Assert.Contains("### `rotate 10000`\n\n**Failed** (exit code 1), without a result line.", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("| 2500 |", page, StringComparison.Ordinal);
    }

    internal static BenchmarkRun Run(string command, int exitCode, string? line) =>
        new(command, exitCode, line is not null && ResultLine.TryParse(line, out var result) ? result : null);
}
