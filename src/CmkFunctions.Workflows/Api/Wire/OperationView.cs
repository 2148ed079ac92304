using System.Text.Json;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>An operation as <c>GET /api/operations/{id}</c> shows it, shaped like ARM's Azure-AsyncOperation status.</summary>
/// <param name="Status"><c>InProgress</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Canceled</c>.</param>
/// <param name="Progress">The data the operation moves (provisioning, scale-up, re-encryption) and how much of it is stored; null for one that moves none.</param>
public sealed record OperationView(
    string Id,
    string ResourceName,
    string Action,
    string Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    ErrorView? Error,
    ProgressView? Progress = null)
{
    /// <summary>Running → InProgress, Completed → Succeeded, Failed → Failed, Terminated → Canceled.</summary>
    public static OperationView From(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var status = instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => "Succeeded",
            OrchestrationRuntimeStatus.Failed => "Failed",
            OrchestrationRuntimeStatus.Terminated => "Canceled",
            _ => "InProgress",
        };
        var (resourceName, startedAt) = Read(instance.SerializedInput);
        return new OperationView(
            instance.InstanceId,
            resourceName,
            OperationActions.Of(instance.Name),
            status,
            startedAt ?? instance.CreatedAt,
            status == "InProgress" ? null : instance.LastUpdatedAt,
            ErrorOf(instance));
    }

    private static ErrorView? ErrorOf(OrchestrationMetadata instance)
    {
        var error = instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed when StatusOf(instance)?.Error is { } failed => failed,
            OrchestrationRuntimeStatus.Failed when instance.FailureDetails is { } failure =>
                OperationFailedException.TryParse(failure.ErrorType, failure.ErrorMessage)
                ?? new ResourceError { Code = "operation.failed", Message = failure.ErrorMessage },
            OrchestrationRuntimeStatus.Failed => new ResourceError { Code = "operation.failed", Message = instance.SerializedOutput ?? "The operation failed." },
            OrchestrationRuntimeStatus.Terminated => instance.SerializedOutput is { Length: > 0 } output
                ? JsonSerializer.Deserialize<ResourceError>(output, RecordJson.Options)
                : null,
            _ => null,
        };
        return error is null ? null : new ErrorView(error.Code, error.Message);
    }

    private static OperationStatus? StatusOf(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedCustomStatus is { Length: > 0 } status ? JsonSerializer.Deserialize<OperationStatus>(status, RecordJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every operation's input is the resource's name or a record with a <c>resourceName</c>; an operation whose
    /// orchestration starts over (a long wait) carries its own <c>startedAt</c>.
    /// </summary>
    private static (string ResourceName, DateTimeOffset? StartedAt) Read(string? serializedInput)
    {
        if (string.IsNullOrEmpty(serializedInput))
        {
            return (string.Empty, null);
        }

        using var input = JsonDocument.Parse(serializedInput);
        var root = input.RootElement;
        if (root.ValueKind == JsonValueKind.String)
        {
            return (root.GetString()!, null);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (string.Empty, null);
        }

        string? name = null;
        DateTimeOffset? startedAt = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("resourceName", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                name = property.Value.GetString();
            }
            else if (property.Name.Equals("startedAt", StringComparison.OrdinalIgnoreCase) && property.Value.TryGetDateTimeOffset(out var started))
            {
                startedAt = started;
            }
        }

        return (name ?? string.Empty, startedAt);
    }
}
