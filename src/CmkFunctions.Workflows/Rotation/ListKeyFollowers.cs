using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>The resources that follow a key (<see cref="KeyFollowerIndex"/>), with how they move in batches and how often busy ones are asked again.</summary>
public sealed class ListKeyFollowers(KeyFollowerIndex followers, IOptions<RotationOptions> options) : TaskActivity<string, KeyFollowerList>
{
    public override async Task<KeyFollowerList> RunAsync(TaskActivityContext context, string input)
    {
        var members = await followers.FollowersAsync(KeyVaultKeyIdentifier.Parse(input));
        var settings = options.Value;
        return new KeyFollowerList(
            [.. members.Select(member => new KeyFollower(member.ResourceName, member.Value)).OrderBy(follower => follower.ResourceName, StringComparer.Ordinal)],
            settings.RotationBatchSize,
            settings.RotationConcurrency,
            settings.RotationRetryInterval);
    }
}
