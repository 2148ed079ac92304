using CmkFunctions.Core.Cryptography;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Disks.Reencryption;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// A requested encryption change (<c>PATCH /api/resources/{name}/encryption</c>), the resource claimed as Updating with
/// the change pending: re-wrap the resource key and give it to the disks → when asked, re-encrypt every disk with a new
/// DEK → Succeeded with the new key. Refused by Key Vault, or failed for good, the resource stays Succeeded on its old key.
/// </summary>
public sealed class ChangeEncryptionOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = new ResourceStep(input, context.InstanceId);
        try
        {
            var progress = await context.CallActivityAsync<KeyChangeProgress>(nameof(RewrapForKeyChange), step, ActivityRetry.Options);
            if (progress.Refusal is { } refusal)
            {
                throw context.FailOperation(refusal);
            }

            if (progress.Reencrypt)
            {
                await DiskReencryption.ReencryptAsync(context, step);
            }

            await context.CallActivityAsync(nameof(CompleteKeyChange), step, ActivityRetry.Options);
            return "Succeeded";
        }
        catch (TaskFailedException failure)
        {
            var reason = failure.FailureDetails.ErrorMessage;
            var refusal = await context.CallActivityAsync<ResourceError>(
                nameof(AbandonKeyChange), new KeyChangeFailure(step.ResourceName, step.OperationId, reason), ActivityRetry.Options);
            throw context.FailOperation(IsRefusal(failure) ? refusal : new ResourceError
            {
                Code = "resource.key-change-failed",
                Message = $"Changing the encryption of resource '{input}' failed: {reason} Nothing was changed; the resource keeps its key.",
            });
        }
    }

    /// <summary>By the failure's type name: the exception types live in other assemblies, which type lookup by name may not search.</summary>
    private static bool IsRefusal(TaskFailedException failure) =>
        new[] { typeof(KeyVaultAccessDeniedException), typeof(KeyVaultKeyNotFoundException), typeof(KeyVaultKeyUnusableException), typeof(DiskIntegrityException) }
            .Any(refusal => string.Equals(failure.FailureDetails.ErrorType, refusal.FullName, StringComparison.Ordinal));
}
