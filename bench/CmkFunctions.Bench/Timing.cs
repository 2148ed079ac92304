using System.Diagnostics;

namespace CmkFunctions.Bench;

/// <summary>A small timing harness: warm-up rounds, then timed rounds, medians.</summary>
internal static class Timing
{
    /// <summary>
    /// Runs the operations round-robin, <paramref name="warmups"/> untimed rounds then
    /// <paramref name="iterations"/> timed ones, and returns each operation's median seconds. Interleaving keeps
    /// slow drift of the machine (other processes, CPU clocks) from favouring one operation.
    /// </summary>
    public static double[] MedianSeconds(int warmups, int iterations, params Action[] operations)
    {
        for (var round = 0; round < warmups; round++)
        {
            Array.ForEach(operations, operation => operation());
        }

        var seconds = operations.Select(_ => new double[iterations]).ToArray();
        for (var round = 0; round < iterations; round++)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                operations[i]();
                seconds[i][round] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }

        return seconds.Select(Median).ToArray();
    }

    /// <summary>Bytes the current thread allocated while <paramref name="operation"/> ran.</summary>
    public static long AllocatedBytes(Action operation)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        operation();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
