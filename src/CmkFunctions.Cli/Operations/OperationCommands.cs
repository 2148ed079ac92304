using System.CommandLine;
using CmkFunctions.Cli.Output;
using CmkFunctions.Cli.Service;

namespace CmkFunctions.Cli.Operations;

/// <summary><c>cmk operation show|wait ID|URL</c>: a long-running operation by its id or its <c>Azure-AsyncOperation</c> URL.</summary>
internal static class OperationCommands
{
    private static readonly Argument<string> Operation = new("ID|URL") { Description = "The operation's id or its Azure-AsyncOperation URL." };

    public static Command Create()
    {
        var show = new Command("show", "Show an operation.") { Operation };
        show.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            await AnswerWriter.WriteAsync(parse, await service.GetJsonAsync(PathOf(parse.GetValue(Operation)!), cancellationToken));
            return ExitCodes.Success;
        });

        var wait = new Command("wait", "Wait until an operation ends; exit code 3 when it ends Failed or Canceled.") { Operation };
        wait.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            var ended = await new OperationWaiter(service).WaitAsync(service.Resolve(PathOf(parse.GetValue(Operation)!)), cancellationToken);
            await AnswerWriter.WriteAsync(parse, ended);
            OperationWaiter.ThrowIfFailed(ended);
            return ExitCodes.Success;
        });

        return new Command("operation", "Long-running operations.") { show, wait };
    }

    private static string PathOf(string operation) =>
        operation.Contains("://", StringComparison.Ordinal) ? operation : $"api/operations/{Uri.EscapeDataString(operation)}";
}
