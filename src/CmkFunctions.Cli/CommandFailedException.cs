namespace CmkFunctions.Cli;

/// <summary>
/// Ends a command with <see cref="ExitCode"/> and <see cref="Lines"/> on stderr, one per line (each violation of a
/// refused request, say). Commands throw it; <see cref="CommandAction"/> reports it.
/// </summary>
#pragma warning disable CA1032 // An exit code is required: the standard constructors would have none.
internal sealed class CommandFailedException(int exitCode, IReadOnlyList<string> lines, Exception? innerException = null)
    : Exception(string.Join(Environment.NewLine, lines), innerException)
#pragma warning restore CA1032
{
    public CommandFailedException(int exitCode, string line, Exception? innerException = null)
        : this(exitCode, [line], innerException)
    {
    }

    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Lines { get; } = lines;

    public static CommandFailedException Usage(string line) => new(ExitCodes.Usage, line);
}
