using System.Security.Cryptography;
using System.Text;
using CmkFunctions.Core.Keys;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Starts the rotation a <c>KeyNewVersionCreated</c> event asks for, under an instance id made of the key and the event's
/// version: a duplicate or replayed delivery finds that instance (running or finished) and starts nothing new.
/// </summary>
public static class RotationStarter
{
    /// <summary>Every status an instance can have: an existing instance of the id, whatever its state, means the event was seen.</summary>
    private static readonly OrchestrationRuntimeStatus[] SeenStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <param name="keyId">The key the event names, usually with the version it created.</param>
    /// <param name="eventId">The event's id, which stands for the version when the event names none.</param>
    public static async Task StartAsync(DurableTaskClient client, KeyVaultKeyIdentifier keyId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var versionless = keyId.VersionlessId.AbsoluteUri;
        var options = new StartOrchestrationOptions { InstanceId = InstanceId(keyId, eventId) }.WithDedupeStatuses(SeenStatuses);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(WorkflowCatalog.NameOf(typeof(RotateKeyOrchestrator))), new KeyRotation(versionless, eventId), options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // This version's rotation was started by an earlier delivery of the event.
        }
    }

    /// <summary><c>rotate-</c>, a short hash of the versionless key id (lower case), <c>-</c> and the version (or the event id's hash).</summary>
    public static string InstanceId(KeyVaultKeyIdentifier keyId, string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var key = ShortHash(keyId.VersionlessId.AbsoluteUri.ToLowerInvariant());
        var version = keyId.Version?.ToLowerInvariant() ?? ShortHash(eventId);
        return $"rotate-{key}-{version}";
    }

    private static string ShortHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 8);
}
