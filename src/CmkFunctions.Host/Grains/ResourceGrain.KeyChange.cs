using CmkFunctions.Core.Lifecycle;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// Requested encryption changes (<c>PATCH /api/resources/{name}/encryption</c>): accepted only while the resource is
/// Succeeded, then run as a lifecycle step under their own operation (Updating -> Succeeded), resumed after a crash.
/// </summary>
public sealed partial class ResourceGrain
{
    public const string BusyRefusal = "resource-busy";

    public async Task<ResourceError?> ChangeEncryptionAsync(KeyChange change, string operationId)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync();
        try
        {
            if (!resource.RecordExists)
            {
                return new ResourceError { Code = "resource-not-found", Message = $"Resource '{Name}' does not exist." };
            }

            var state = resource.State;
            if (state.ProvisioningState != ProvisioningState.Succeeded)
            {
                return new ResourceError
                {
                    Code = BusyRefusal,
                    Message = $"Resource '{Name}' is {state.ProvisioningState}; its encryption can be changed only while it is Succeeded. Wait for its operation to end; nothing was changed.",
                };
            }

            await EnsureReminderAsync();
            await SaveAsync(current => Move(current, ProvisioningState.Updating) with { PendingKeyChange = change, OperationId = operationId });
            await RecordOperationAsync("change-encryption");
            logger.LogInformation("Resource {Resource}: encryption change to {KeyUri} ({KeySource}) accepted.", Name, change.KeyUri, change.KeySource);
        }
        finally
        {
            _gate.Release();
        }

        RunStepsSoon();
        return null;
    }

    /// <summary>Updating with a pending key change: runs it (a crash in the middle resumes here).</summary>
    private bool IsChangingKey => resource.State.ProvisioningState == ProvisioningState.Updating && resource.State.PendingKeyChange is not null;
}
