namespace CmkFunctions.Core.Validation;

/// <summary>JSON paths of request members, as a <see cref="Violation.Target"/> names them.</summary>
internal static class RequestPaths
{
    public const string Kind = "kind";
    public const string Region = "region";
    public const string SubscriptionId = "subscriptionId";

    /// <summary>Where a create request keeps its key settings; a change request keeps them at the top.</summary>
    public const string Encryption = "encryption";

    /// <summary><paramref name="name"/> inside the object at <paramref name="parent"/>; at the top when there is none.</summary>
    public static string Member(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    public static string Disk(int index, string member) => $"disks[{index}].{member}";

    public static string Property(string name) => Member("properties", name);
}
