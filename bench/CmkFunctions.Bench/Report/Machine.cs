using System.Globalization;
using System.Runtime.InteropServices;

namespace CmkFunctions.Bench.Report;

/// <summary>What the benchmarks ran on.</summary>
internal sealed record Machine(string Cpu, int Cores, long MemoryBytes, string OperatingSystem, string Runtime)
{
    /// <summary>This machine; the CPU's model and the memory from /proc/cpuinfo and /proc/meminfo where Linux has them.</summary>
    public static Machine Current() => new(
        Cpu: LinuxValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores: Environment.ProcessorCount,
        MemoryBytes: MemoryFromProc() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        OperatingSystem: $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version}",
        Runtime: RuntimeInformation.FrameworkDescription);

    private static long? MemoryFromProc() =>
        LinuxValue("/proc/meminfo", "MemTotal", ':') is { } total
            ? long.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture) * 1024
            : null;

    /// <summary>The value of the first <c>key SEPARATOR value</c> line of a Linux information file, if it has one.</summary>
    private static string? LinuxValue(string path, string key, char separator) =>
        File.Exists(path)
            ? File.ReadLines(path)
                .Select(line => line.Split(separator, 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
                .Select(parts => parts[1].Trim())
                .FirstOrDefault()
            : null;
}
