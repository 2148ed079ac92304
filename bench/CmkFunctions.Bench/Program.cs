using CmkFunctions.Bench;
using CmkFunctions.Bench.Report;

// One command per benchmark, each in its own file; report runs them and writes docs/benchmarks.md.
var benchmarks = new Dictionary<string, Func<int>>(StringComparer.Ordinal)
{
    ["crypto"] = CryptoBenchmark.Run,
    ["provision"] = ProvisionBenchmark.Run,
    ["rotate"] = () => RotateBenchmark.Run(args[1..]),
    ["create"] = () => CreateBenchmark.Run(args[1..]),
    ["report"] = () => ReportCommand.Run(args[1..]),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: CmkFunctions.Bench <{string.Join('|', benchmarks.Keys)}> [arguments]");
    return 2;
}

return run();
