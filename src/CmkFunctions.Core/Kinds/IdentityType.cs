namespace CmkFunctions.Core.Kinds;

/// <summary>The kind of managed identity a resource uses to reach its key vault.</summary>
public enum IdentityType
{
    SystemAssigned,
    UserAssigned,
}

/// <summary>Wire names of <see cref="IdentityType"/>: <c>system</c> and <c>user</c> (ARM's <c>SystemAssigned</c>/<c>UserAssigned</c> are accepted too).</summary>
public static class IdentityTypeNames
{
    public static bool TryParse(string? name, out IdentityType type)
    {
        switch (name?.ToUpperInvariant())
        {
            case "SYSTEM" or "SYSTEMASSIGNED":
                type = IdentityType.SystemAssigned;
                return true;
            case "USER" or "USERASSIGNED":
                type = IdentityType.UserAssigned;
                return true;
            default:
                type = default;
                return false;
        }
    }

    public static string ToName(this IdentityType type) => type == IdentityType.SystemAssigned ? "system" : "user";

    /// <summary>The phrase the service documents use: "system-assigned" / "user-assigned".</summary>
    public static string Describe(this IdentityType type) =>
        type == IdentityType.SystemAssigned ? "system-assigned" : "user-assigned";
}
