using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// A requested change whose re-encryption or completion failed for good: the resource goes back to Succeeded on its old
/// key with nothing changed (see <see cref="KeyChangeRefusal"/>); returns the error its operation ends with when Key Vault refused.
/// </summary>
public sealed class AbandonKeyChange(KeyChangeRefusal refusal) : TaskActivity<KeyChangeFailure, ResourceError>
{
    public override Task<ResourceError> RunAsync(TaskActivityContext context, KeyChangeFailure input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return refusal.RefuseAsync(new ResourceStep(input.ResourceName, input.OperationId), input.Reason);
    }
}
