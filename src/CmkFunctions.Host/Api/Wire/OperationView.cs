using CmkFunctions.Host.Grains;

namespace CmkFunctions.Host.Api.Wire;

/// <summary>An operation as <c>GET /api/operations/{id}</c> shows it, shaped like ARM's Azure-AsyncOperation status.</summary>
/// <param name="Status"><c>InProgress</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Canceled</c>.</param>
public sealed record OperationView(
    string Id,
    string ResourceName,
    string Action,
    string Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    ErrorView? Error)
{
    public static OperationView From(string id, OperationState operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new OperationView(
            id,
            operation.ResourceName,
            operation.Action,
            operation.Status.ToString(),
            operation.StartedAt,
            operation.EndedAt,
            operation.Error is null ? null : new ErrorView(operation.Error.Code, operation.Error.Message));
    }
}
