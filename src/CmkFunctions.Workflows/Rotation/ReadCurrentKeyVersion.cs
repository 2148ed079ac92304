using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// The key's current version and its creation time, read as a follower's identity (they may get the key); when the
/// first few followers lost that right, as the service's own identity.
/// </summary>
public sealed class ReadCurrentKeyVersion(KeyVaultConnections connections) : TaskActivity<CurrentKeyVersionQuery, KeyVersion>
{
    private const int IdentitiesTried = 3;

    public override async Task<KeyVersion> RunAsync(TaskActivityContext context, CurrentKeyVersionQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var keyId = KeyVaultKeyIdentifier.Parse(input.KeyId);
        foreach (var identity in input.IdentityClientIds.Take(IdentitiesTried))
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
