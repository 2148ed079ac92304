namespace CmkFunctions.Workflows.Operations;

/// <summary>Bounded fan-out inside an orchestrator: at most <c>lanes</c> items in flight, the next starting as one ends.</summary>
public static class FanOut
{
    public static async Task RunAsync<T>(IEnumerable<T> items, int lanes, Func<T, Task> run)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(run);
        var running = new List<Task>();
        foreach (var item in items)
        {
            if (running.Count >= Math.Max(1, lanes))
            {
                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                await finished;
            }

            running.Add(run(item));
        }

        await Task.WhenAll(running);
    }
}
