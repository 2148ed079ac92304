namespace CmkFunctions.Host.Grains;

/// <summary>
/// One Key Vault key, keyed by its versionless id (<see cref="KeyGrainKeys"/>): the resources that follow its latest
/// version, and the latest version seen. A new version moves every follower to it in the background.
/// </summary>
[Alias("cmk.IKeyGrain")]
public interface IKeyGrain : IGrainWithStringKey
{
    /// <summary>Resource <paramref name="resourceName"/> follows this key; it now uses <paramref name="activeKeyId"/> through identity <paramref name="identityClientId"/>.</summary>
    [Alias("Follow")]
    Task FollowAsync(string resourceName, string identityClientId, string activeKeyId);

    [Alias("Unfollow")]
    Task UnfollowAsync(string resourceName);

    /// <summary>
    /// Key Vault announced a new version (event <paramref name="eventId"/>). Returns once that is durably recorded; the key
    /// then asks Key Vault for its current version and moves the followers, whatever order events arrive in.
    /// </summary>
    [Alias("NewVersionCreated")]
    Task NewVersionCreatedAsync(string eventId);

    [Alias("Get")]
    Task<KeyFollowers> GetAsync();
}
