namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>What one audited request did, and for whom.</summary>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string? TenantId,
    string? CallerObjectId,
    string Action,
    string? Resource,
    string? Disk,
    string? Range,
    string Outcome,
    int Status,
    string? OperationId);

/// <summary>
/// The audit trail: one structured log record (category <c>CmkFunctions.Audit</c>) per change and per disk-data read or
/// write, allowed or not, exported wherever the host's logs go (Application Insights in Azure). It names who, what and
/// the outcome; never plaintext, keys or tokens.
/// </summary>
public sealed partial class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "CmkFunctions.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Log(_logger, record.Time, record.TenantId, record.CallerObjectId, record.Action, record.Resource, record.Disk, record.Range,
            record.Outcome, record.Status, record.OperationId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "audit time={Time:O} tenant={TenantId} caller={CallerObjectId} action={Action} resource={Resource} disk={Disk} "
        + "range={Range} outcome={Outcome} status={Status} operation={OperationId}")]
    private static partial void Log(
        ILogger logger, DateTimeOffset time, string? tenantId, string? callerObjectId, string action, string? resource, string? disk,
        string? range, string outcome, int status, string? operationId);
}
