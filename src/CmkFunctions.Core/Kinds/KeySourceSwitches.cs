namespace CmkFunctions.Core.Kinds;

/// <summary>Which directions a resource may switch between customer- and Microsoft-managed keys after creation.</summary>
[Flags]
public enum KeySourceSwitches
{
    None = 0,
    CustomerToPlatform = 1,
    PlatformToCustomer = 2,
    Both = CustomerToPlatform | PlatformToCustomer,
}
