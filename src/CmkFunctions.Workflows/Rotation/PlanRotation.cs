using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// A rotation's first step: the key's followers (<see cref="KeyFollowerIndex"/>) and the version to move them to, the
/// key's current one as Key Vault has it (events come in any order, so it is not the event's). The version is read as a
/// follower's identity (they may get the key); when the first few followers lost that right, as the service's own. Null
/// when nothing follows the key.
/// </summary>
public sealed class PlanRotation(KeyFollowerIndex followers, KeyVaultConnections connections, IOptions<RotationOptions> options)
    : TaskActivity<string, RotationPlan?>
{
    private const int IdentitiesTried = 3;

    public override async Task<RotationPlan?> RunAsync(TaskActivityContext context, string input)
    {
        var keyId = KeyVaultKeyIdentifier.Parse(input);
        var members = await followers.FollowersAsync(keyId);
        if (members.Count == 0)
        {
            return null;
        }

        var identities = members.Select(member => member.Value).Distinct(StringComparer.OrdinalIgnoreCase);
        var settings = options.Value;
        return new RotationPlan(
            await CurrentVersionAsync(keyId, identities),
            [.. members.Select(member => member.ResourceName).Order(StringComparer.Ordinal)],
            settings.RotationBatchSize,
            settings.RotationConcurrency,
            settings.RotationRetryInterval);
    }

    private async Task<KeyVersion> CurrentVersionAsync(KeyVaultKeyIdentifier keyId, IEnumerable<string> identities)
    {
        foreach (var identity in identities.Take(IdentitiesTried))
        {
            try
            {
                return ToVersion(await connections.ClientFor(identity, keyId.VaultUri).GetKeyAsync(keyId.Name));
            }
            catch (KeyVaultAccessDeniedException)
            {
                // This follower lost Get; another follower's identity, or the service's own, may still read the key.
            }
        }

        return ToVersion(await connections.ServiceClient(keyId.VaultUri).GetKeyAsync(keyId.Name));
    }

    private static KeyVersion ToVersion(KeyVaultKey current) => new() { KeyId = current.Id.ToString(), CreatedOn = current.Properties.CreatedOn };
}
