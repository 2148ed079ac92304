namespace CmkFunctions.Host.Tests;

/// <summary>
/// Test classes that store thousands of chunk blobs (4 KiB chunks) and delete whole generations of them. Azurite's
/// blob store slows down with every blob it holds, for every request (a delete re-sorts its indexes), so each such
/// class takes its own <see cref="HostTestFixture"/> (its own Azurite, local Key Vault and host) as a class fixture,
/// and the collection runs alone, after the others: neither slows the other's storage down. Classes that need a vault no
/// other host uses meanwhile run here too (a fixture sets the process's managed-identity endpoint, so two fixtures must not
/// start at once).
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class StorageHeavyTests
{
    public const string Collection = "StorageHeavy";
}
