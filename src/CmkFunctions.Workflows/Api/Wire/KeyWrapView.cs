using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Api.Wire;

/// <param name="Trigger"><c>rotation</c> (a new version of the followed key) or <c>request</c> (a PATCH).</param>
public sealed record KeyWrapView(string KeyId, DateTimeOffset At, string Trigger)
{
    public static KeyWrapView From(KeyWrapRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new KeyWrapView(record.KeyId, record.At, record.Trigger == KeyChangeTrigger.Rotation ? "rotation" : "request");
    }
}
