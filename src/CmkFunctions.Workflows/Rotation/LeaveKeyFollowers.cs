using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Removes from a key's index the resources a rotation found no longer following it (deleted, failed, pinned, moved to
/// another key). Each record is read again first: one that follows the key again by now keeps its entry.
/// </summary>
public sealed class LeaveKeyFollowers(ResourceRecords records, KeyFollowerIndex followers, ILogger<LeaveKeyFollowers> logger)
    : TaskActivity<FollowersLeaving, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, FollowersLeaving input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var keyId = KeyVaultKeyIdentifier.Parse(input.KeyId);
        var left = 0;
        foreach (var name in input.ResourceNames)
        {
            if (!FollowedKey.IsFollowedBy(await records.GetAsync(name), keyId))
            {
                await followers.UnfollowAsync(keyId, name);
                left++;
            }
        }

        logger.LogInformation("Key {Key}: {Count} resources no longer follow it.", input.KeyId, left);
        return left;
    }
}
