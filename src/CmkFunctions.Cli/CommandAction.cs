using System.CommandLine;

namespace CmkFunctions.Cli;

/// <summary>Runs a command's work and turns any failure into its exit code and lines on stderr (<see cref="Failures"/>).</summary>
internal static class CommandAction
{
    public static void Run(this Command command, Func<ParseResult, CancellationToken, Task<int>> work) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await work(parse, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = Failures.From(exception);
                foreach (var line in failure.Lines)
                {
                    await Console.Error.WriteLineAsync(line);
                }

                return failure.ExitCode;
            }
        });
}
