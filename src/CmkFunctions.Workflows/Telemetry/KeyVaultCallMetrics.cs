using Azure.Core;
using Azure.Core.Pipeline;

namespace CmkFunctions.Workflows.Telemetry;

/// <summary>
/// Counts every Key Vault request the service sends (each retry too) in <see cref="CmkMetrics.KeyVaultCalls"/>, by
/// operation (<c>wrapkey</c>, <c>unwrapkey</c>, <c>get</c>, ...) and result; a 429 counts as <c>throttled</c>.
/// </summary>
public sealed class KeyVaultCallMetrics : HttpPipelineSynchronousPolicy
{
    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CmkMetrics.KeyVaultCalls.Add(
            1,
            new KeyValuePair<string, object?>("operation", OperationOf(message.Request)),
            new KeyValuePair<string, object?>("result", ResultOf(message.Response.Status)));
    }

    private static string OperationOf(Request request)
    {
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["keys", _, _, var action] => action.ToLowerInvariant(),
            ["keys", _, var last] when last is "wrapkey" or "unwrapkey" or "create" or "rotate" or "versions" => last,
            ["keys", ..] => request.Method.ToString().ToLowerInvariant(),
            _ => "other",
        };
    }

    private static string ResultOf(int status) => status switch
    {
        >= 200 and < 300 => "ok",
        401 => "challenge",
        403 => "denied",
        404 => "not-found",
        429 => "throttled",
        >= 500 => "server-error",
        _ => "refused",
    };
}
