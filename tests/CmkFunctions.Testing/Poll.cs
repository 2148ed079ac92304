namespace CmkFunctions.Testing;

/// <summary>Waits for a condition by polling it until a deadline: the alternative to fixed sleeps.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with <paramref name="describe"/>'s text otherwise.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Retries <paramref name="action"/> until it stops throwing <typeparamref name="TException"/>, then returns its result.</summary>
    public static async Task<T> UntilSucceedsAsync<T, TException>(Func<Task<T>> action, TimeSpan timeout)
        where TException : Exception
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (TException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Interval);
            }
        }
    }
}
