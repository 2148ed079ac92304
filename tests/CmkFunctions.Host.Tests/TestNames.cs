namespace CmkFunctions.Host.Tests;

/// <summary>Names no other test uses, so tests sharing Azurite and the local Key Vault stay apart.</summary>
public static class TestNames
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
