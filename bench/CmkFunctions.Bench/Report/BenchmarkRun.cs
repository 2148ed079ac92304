namespace CmkFunctions.Bench.Report;

/// <summary>One benchmark command the report ran (<c>rotate 1000</c>), its exit code and its result line, if it printed one.</summary>
internal sealed record BenchmarkRun(string Command, int ExitCode, ResultLine? Result)
{
    public bool Succeeded => ExitCode == 0 && Result is not null;
}
