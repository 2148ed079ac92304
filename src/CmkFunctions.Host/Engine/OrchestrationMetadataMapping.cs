using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;

namespace CmkFunctions.Host.Engine;

/// <summary>An engine's <see cref="OrchestrationState"/> as the portable client's <see cref="OrchestrationMetadata"/>.</summary>
internal static class OrchestrationMetadataMapping
{
    /// <param name="dataConverter">Set when inputs and outputs are included, so the metadata's <c>Read...As</c> methods work.</param>
    public static OrchestrationMetadata ToMetadata(this OrchestrationState state, DataConverter? dataConverter)
    {
        var withData = dataConverter is not null;
        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = dataConverter,
            // The portable enum mirrors the engine's value for value.
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = withData ? NullIfEmpty(state.Input) : null,
            SerializedOutput = withData ? NullIfEmpty(state.Output) : null,
            SerializedCustomStatus = withData ? NullIfEmpty(state.Status) : null,
            FailureDetails = withData && state.OrchestrationStatus == OrchestrationStatus.Failed ? FailureOf(state) : null,
            Tags = state.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(state.Tags),
        };
    }

    public static OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status) => (OrchestrationStatus)status;

    // Azure Storage keeps no structured failure in its instance table, only "ErrorType: ErrorMessage" as the output.
    private static TaskFailureDetails? FailureOf(OrchestrationState state)
    {
        if (state.FailureDetails is { } details)
        {
            return ToPortable(details);
        }

        if (string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var separator = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !state.Output[..separator].Any(char.IsWhiteSpace)
            ? new TaskFailureDetails(state.Output[..separator], state.Output[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", state.Output, null, null, null);
    }

    private static TaskFailureDetails ToPortable(CoreFailureDetails details) => new(
        details.ErrorType,
        details.ErrorMessage,
        details.StackTrace,
        details.InnerFailure is null ? null : ToPortable(details.InnerFailure),
        details.Properties);

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
