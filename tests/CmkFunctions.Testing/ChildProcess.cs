using System.Diagnostics;
using System.Globalization;

namespace CmkFunctions.Testing;

/// <summary>
/// A process started for a test run: its output is kept (the last lines) to explain failures, it can be awaited
/// for an output line, and it is killed with its whole process tree on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLineCount = 200;

    // Runs the command under a watchdog shell that kills it once the test process is gone, so a test run that is
    // itself killed (and never disposes its fixture) leaves no servers behind.
    private const string WatchdogScript = """
        parent=$1; shift
        "$@" &
        child=$!
        while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
        kill -9 "$child" 2>/dev/null
        wait "$child"
        """;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Found)> _waiters = [];
    private int _disposed;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string OutputTail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <param name="name">How failures name the process (<c>Azurite</c>, <c>host 2</c>).</param>
    /// <param name="environment">Variables added to (or replacing) the test process's environment.</param>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryLayout.Root,
        };
        foreach (var argument in (string[])["-c", WatchdogScript, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), fileName, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[variable] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => child.OnLine(line.Data);
        process.Exited += (_, _) => child.OnExited();
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({fileName}): {exception.Message}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line that <paramref name="matches"/>; fails with the output tail on timeout or exit.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _tail.FirstOrDefault(matches);
            if (seen is not null)
            {
                return seen;
            }

            _waiters.Add((matches, found));
        }

        if (_process.HasExited)
        {
            OnExited();
        }

        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No expected output within {timeout.TotalSeconds:0.#} s from {Describe()}");
        }
    }

    /// <summary>Kills the process and its children at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout) => await _process.WaitForExitAsync().WaitAsync(timeout);

    /// <summary>Name, pid, state and the output tail: what a failure message needs.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"{Name} (pid {_process.Id}, {state}); its last output:\n{OutputTail}";
    }

    public async ValueTask DisposeAsync()
    {
        // The fixture disposes every process it started; an owner (a host helper) may have disposed it first.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Kill();
        try
        {
            await WaitForExitAsync(ExitTimeout);
        }
        catch (TimeoutException)
        {
            // Leave the handle to the runtime; the kill signal is already sent.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> found = [];
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLineCount)
            {
                _tail.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Matches(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        found.ForEach(waiter => waiter.TrySetResult(line));
    }

    private void OnExited()
    {
        List<TaskCompletionSource<string>> waiting;
        lock (_gate)
        {
            waiting = [.. _waiters.Select(waiter => waiter.Found)];
            _waiters.Clear();
        }

        if (waiting.Count == 0)
        {
            return;
        }

        // Let the last output lines arrive before describing the exit.
        _process.WaitForExit();
        var failure = new InvalidOperationException($"Exited before the expected output: {Describe()}");
        waiting.ForEach(waiter => waiter.TrySetException(failure));
    }
}
