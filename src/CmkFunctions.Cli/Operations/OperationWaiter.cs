using System.Text.Json.Nodes;
using CmkFunctions.Cli.Service;

namespace CmkFunctions.Cli.Operations;

/// <summary>Polls a long-running operation (its <c>Azure-AsyncOperation</c> URL) until it ends, with a progress line.</summary>
internal sealed class OperationWaiter(ServiceClient service)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The operation once it is no longer <c>InProgress</c>.</summary>
    public async Task<JsonNode> WaitAsync(Uri operation, CancellationToken cancellationToken)
    {
        using var progress = new ProgressLine();
        while (true)
        {
            var view = await service.GetJsonAsync(operation.AbsoluteUri, cancellationToken)
                ?? throw new CommandFailedException(ExitCodes.Unavailable, $"Operation {operation} answered no body.");
            var status = Text(view, "status");
            if (status != "InProgress")
            {
                return view;
            }

            if (progress.IsShown)
            {
                var resource = Text(view, "resourceName") is { Length: > 0 } name ? await service.TryGetResourceAsync(name, cancellationToken) : null;
                progress.Show($"{Text(view, "action")} {status}: {ResourceProgress.Describe(resource)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <exception cref="CommandFailedException">The operation ended Failed or Canceled: its error, exit code 3.</exception>
    public static void ThrowIfFailed(JsonNode operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var status = Text(operation, "status");
        if (status is "Failed" or "Canceled")
        {
            var error = operation["error"];
            var why = error is null ? "no error was recorded" : $"{Text(error, "code")}: {Text(error, "message")}";
            throw new CommandFailedException(ExitCodes.OperationFailed, $"Operation {Text(operation, "id")} ({Text(operation, "action")}) {status}: {why}");
        }
    }

    public static string? Text(JsonNode? node, string member) =>
        node is JsonObject json && json[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
