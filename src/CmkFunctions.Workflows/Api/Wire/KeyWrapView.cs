using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Api.Wire;

/// <param name="Trigger"><c>creation</c> (the first wrap), <c>rotation</c> (a new version of the followed key) or <c>request</c> (a PATCH).</param>
public sealed record KeyWrapView(string KeyId, DateTimeOffset At, string Trigger)
{
    public static KeyWrapView From(KeyWrapRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var trigger = record.Trigger switch
        {
            KeyWrapTrigger.Creation => "creation",
            KeyWrapTrigger.Rotation => "rotation",
            _ => "request",
        };
        return new KeyWrapView(record.KeyId, record.At, trigger);
    }
}
