using System.CommandLine;
using System.Text.Json.Nodes;
using CmkFunctions.Cli.Output;
using CmkFunctions.Cli.Service;

namespace CmkFunctions.Cli.Operations;

/// <summary>
/// What a command that starts an operation prints: with <c>--no-wait</c>, <c>{"operation": URL, "resource": the 202 body}</c>
/// at once; otherwise, once the operation succeeds, the resource as it is then (the operation when the resource is gone).
/// </summary>
internal static class LongRunning
{
    public static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Print the accepted request's body and operation URL instead of waiting for the operation.",
    };

    public static async Task<int> FinishAsync(
        ParseResult parse, ServiceClient service, string resourceName, (JsonNode? Body, Uri? Operation) accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(service);
        var (body, operation) = accepted;
        if (parse.GetValue(NoWait) || operation is null)
        {
            await AnswerWriter.WriteAsync(parse, new JsonObject { ["operation"] = operation?.AbsoluteUri, ["resource"] = body?.DeepClone() });
            return ExitCodes.Success;
        }

        var ended = await new OperationWaiter(service).WaitAsync(operation, cancellationToken);
        OperationWaiter.ThrowIfFailed(ended);
        await AnswerWriter.WriteAsync(parse, await service.TryGetResourceAsync(resourceName, cancellationToken) ?? ended);
        return ExitCodes.Success;
    }
}
