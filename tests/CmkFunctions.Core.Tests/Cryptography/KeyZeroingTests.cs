using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class KeyZeroingTests
{
    [Fact]
    public void DataEncryptionKeyIsZeroedOnDispose()
    {
        var key = DataEncryptionKey.Generate();
        Assert.False(key.Material.IsZeroed);

        key.Dispose();

        Assert.True(key.Material.IsZeroed);
    }

    [Fact]
    public void ResourceKeyIsZeroedOnDispose()
    {
        var key = ResourceKey.Generate();
        Assert.False(key.Material.IsZeroed);

        key.Dispose();

        Assert.True(key.Material.IsZeroed);
    }

    [Fact]
    public void DisposedKeyCannotBeUsed()
    {
        var key = DataEncryptionKey.Generate();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => new ChunkCipher(key, DiskHeader.Create(Guid.NewGuid(), 1, 256)));
    }

    [Fact]
    public async Task PlaintextResourceKeyReturnedByTheCustomerKeyIsZeroedAfterUnwrap()
    {
        using var customerKey = RsaCustomerKey.Create();
        using var resourceKey = ResourceKey.Generate();
        var wrapped = await ResourceKeyWrapping.WrapAsync(resourceKey, customerKey);

        using var unwrapped = await ResourceKeyWrapping.UnwrapAsync(wrapped, customerKey);

        var returned = Assert.Single(customerKey.Unwrapped);
        Assert.All(returned, b => Assert.Equal(0, b));
        Assert.Equal(resourceKey.Material.Span, unwrapped.Material.Span);
    }

    [Fact]
    public async Task RotationZeroesTheResourceKeyItUnwrapped()
    {
        using var customerKey = RsaCustomerKey.Create();
        using var newVersion = customerKey.Rotate();
        using var resourceKey = ResourceKey.Generate();
        var wrapped = await ResourceKeyWrapping.WrapAsync(resourceKey, customerKey);

        await ResourceKeyWrapping.RewrapAsync(wrapped, new CustomerKeyResolver(customerKey), newVersion);

        Assert.All(Assert.Single(customerKey.Unwrapped), b => Assert.Equal(0, b));
    }

    [Fact]
    public void KeysNeverShowTheirValueInToString()
    {
        using var dek = DataEncryptionKey.Generate();
        using var resourceKey = ResourceKey.Generate();

        Assert.DoesNotContain(Convert.ToHexString(dek.Material.Span), dek.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(dek.Material.Span), dek.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(resourceKey.Material.Span), resourceKey.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(resourceKey.Material.Span), resourceKey.ToString(), StringComparison.Ordinal);
    }
}
