using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class KeyHierarchyTests : IDisposable
{
    private readonly RsaCustomerKey customerKey = RsaCustomerKey.Create();

    public void Dispose() => customerKey.Dispose();

    [Fact]
    public async Task WrappedResourceKeyRecordsTheVersionedKeyIdAndAlgorithmThatWrappedIt()
    {
        using var resourceKey = ResourceKey.Generate();

        var wrapped = await ResourceKeyWrapping.WrapAsync(resourceKey, customerKey);

        Assert.Equal(customerKey.KeyId, wrapped.KeyId);
        Assert.Equal(KeyWrapAlgorithms.RsaOaep256, wrapped.Algorithm);
        Assert.Equal(256, wrapped.Value.Length);
    }

    [Fact]
    public async Task DiskDecryptsFromItsStoredMetadataAndTheCustomerKeyAlone()
    {
        byte[] metadataJson, stored, plaintext;
        using (var resource = await TestResource.CreateAsync(customerKey))
        {
            DiskMetadata metadata;
            (metadata, stored, plaintext) = resource.AddDisk(length: 5000);
            metadataJson = DiskMetadataJson.Serialize(metadata);
        }

        var read = await TestResource.ReadAsync(DiskMetadataJson.Deserialize(metadataJson), stored, new CustomerKeyResolver(customerKey));

        Assert.Equal(plaintext, read);
    }

    [Fact]
    public async Task RsaOaepWrappedResourceKeyUnwrapsWithRsaOaep()
    {
        using var resource = await TestResource.CreateAsync(customerKey, KeyWrapAlgorithms.RsaOaep);
        var (metadata, stored, plaintext) = resource.AddDisk();

        var read = await TestResource.ReadAsync(metadata, stored, new CustomerKeyResolver(customerKey));

        Assert.Equal(KeyWrapAlgorithms.RsaOaep, metadata.WrappedResourceKey.Algorithm);
        Assert.Equal(plaintext, read);
    }

    [Theory]
    [InlineData(KeyWrapAlgorithms.Aes256Gcm)]
    [InlineData("RSA1_5")]
    [InlineData("")]
    public async Task WrappingWithAnAlgorithmOtherThanRsaOaepIsRefused(string algorithm)
    {
        using var resourceKey = ResourceKey.Generate();

        await Assert.ThrowsAsync<ArgumentException>(() => ResourceKeyWrapping.WrapAsync(resourceKey, customerKey, algorithm));

        Assert.Equal(0, customerKey.WrapCount);
    }

    [Theory]
    [InlineData("https://contoso.vault.azure.net/keys/cmk")]
    [InlineData("cmk")]
    public async Task WrappingWithAKeyIdWithoutAVersionIsRefused(string keyId)
    {
        using var versionless = RsaCustomerKey.WithKeyId(keyId);
        using var resourceKey = ResourceKey.Generate();

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => ResourceKeyWrapping.WrapAsync(resourceKey, versionless));

        Assert.Contains(keyId, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public async Task RotationUnwrapsOnceAndWrapsOnceWhateverTheNumberOfDisks(int diskCount)
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        for (var i = 0; i < diskCount; i++)
        {
            resource.AddDisk();
        }

        using var newVersion = customerKey.Rotate();

        var rewrapped = await ResourceKeyWrapping.RewrapAsync(resource.WrappedKey, new CustomerKeyResolver(customerKey, newVersion), newVersion);

        Assert.Equal(1, customerKey.UnwrapCount);
        Assert.Equal(1, newVersion.WrapCount);
        Assert.Equal(0, newVersion.UnwrapCount);
        Assert.Equal(newVersion.KeyId, rewrapped.KeyId);
    }

    [Fact]
    public async Task DisksStayReadableAfterRotationWithOnlyTheNewKeyVersion()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var disks = Enumerable.Range(0, 3).Select(_ => resource.AddDisk()).ToList();
        using var newVersion = customerKey.Rotate();

        var rewrapped = await ResourceKeyWrapping.RewrapAsync(resource.WrappedKey, new CustomerKeyResolver(customerKey), newVersion);

        foreach (var (metadata, stored, plaintext) in disks)
        {
            var rotated = metadata with { WrappedResourceKey = rewrapped };
            Assert.Equal(plaintext, await TestResource.ReadAsync(rotated, stored, new CustomerKeyResolver(newVersion)));
        }
    }

    [Fact]
    public async Task RotationCanMoveToAnotherAlgorithm()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, stored, plaintext) = resource.AddDisk();
        using var newVersion = customerKey.Rotate();

        var rewrapped = await ResourceKeyWrapping.RewrapAsync(resource.WrappedKey, new CustomerKeyResolver(customerKey), newVersion, KeyWrapAlgorithms.RsaOaep);

        Assert.Equal(KeyWrapAlgorithms.RsaOaep, rewrapped.Algorithm);
        Assert.Equal(plaintext, await TestResource.ReadAsync(metadata with { WrappedResourceKey = rewrapped }, stored, new CustomerKeyResolver(newVersion)));
    }

    [Fact]
    public async Task ResolverUnwrapsWithTheRecordedKeyVersion()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, stored, plaintext) = resource.AddDisk();
        using var newVersion = customerKey.Rotate();

        var read = await TestResource.ReadAsync(metadata, stored, new CustomerKeyResolver(newVersion, customerKey));

        Assert.Equal(plaintext, read);
        Assert.Equal(1, customerKey.UnwrapCount);
        Assert.Equal(0, newVersion.UnwrapCount);
    }

    [Fact]
    public async Task AnotherCustomerKeyIsTheWrongKey()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, _, _) = resource.AddDisk();
        using var otherKey = RsaCustomerKey.Create(vault: "fabrikam");

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(() => DataEncryptionKeyWrapping.UnwrapAsync(metadata, otherKey));

        Assert.Equal(DiskIntegrityFailure.WrongKey, failure.Reason);
        Assert.Equal(metadata.Header.DiskId, failure.DiskId);
        Assert.Equal(0, otherKey.UnwrapCount);
    }

    [Fact]
    public async Task ResourceKeyOfAnotherResourceIsTheWrongKey()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        using var otherResource = await TestResource.CreateAsync(customerKey);
        var (metadata, _, _) = resource.AddDisk();
        var swapped = metadata with { WrappedResourceKey = otherResource.WrappedKey };

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(
            () => DataEncryptionKeyWrapping.UnwrapAsync(swapped, new CustomerKeyResolver(customerKey)));

        Assert.Equal(DiskIntegrityFailure.WrongKey, failure.Reason);
        Assert.Equal(metadata.Header.DiskId, failure.DiskId);
    }

    [Fact]
    public async Task AlteredWrappedResourceKeyIsAlteredMetadata()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, _, _) = resource.AddDisk();
        var value = metadata.WrappedResourceKey.Value.ToArray();
        value[17] ^= 0x01;
        var altered = metadata with
        {
            WrappedResourceKey = new WrappedResourceKey(customerKey.KeyId, metadata.WrappedResourceKey.Algorithm, value),
        };

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(
            () => DataEncryptionKeyWrapping.UnwrapAsync(altered, new CustomerKeyResolver(customerKey)));

        Assert.Equal(DiskIntegrityFailure.MetadataAltered, failure.Reason);
        Assert.Equal(metadata.Header.DiskId, failure.DiskId);
    }

    public static TheoryData<string> HeaderFields => ["diskId", "chunkSize", "length", "dekGeneration"];

    [Theory]
    [MemberData(nameof(HeaderFields))]
    public async Task AlteredHeaderFieldIsAlteredMetadata(string field)
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, _, _) = resource.AddDisk();
        var header = metadata.Header;
        var altered = metadata with
        {
            Header = field switch
            {
                "diskId" => new DiskHeader(header.FormatVersion, Guid.NewGuid(), header.ChunkSize, header.Length, header.DekGeneration),
                "chunkSize" => new DiskHeader(header.FormatVersion, header.DiskId, header.ChunkSize * 2, header.Length, header.DekGeneration),
                "length" => new DiskHeader(header.FormatVersion, header.DiskId, header.ChunkSize, header.Length - 1, header.DekGeneration),
                _ => header.NextGeneration(),
            },
        };

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(
            () => DataEncryptionKeyWrapping.UnwrapAsync(altered, new CustomerKeyResolver(customerKey)));

        Assert.Equal(DiskIntegrityFailure.MetadataAltered, failure.Reason);
        Assert.Equal(altered.Header.DiskId, failure.DiskId);
    }

    [Fact]
    public async Task AlteredWrappedDekIsAlteredMetadata()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        var (metadata, _, _) = resource.AddDisk();
        var wrapped = metadata.WrappedDataEncryptionKey;
        var value = wrapped.Value.ToArray();
        value[20] ^= 0x04;
        var altered = metadata with
        {
            WrappedDataEncryptionKey = new WrappedDataEncryptionKey(wrapped.Algorithm, wrapped.ResourceKeyCheck, value),
        };

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(
            () => DataEncryptionKeyWrapping.UnwrapAsync(altered, new CustomerKeyResolver(customerKey)));

        Assert.Equal(DiskIntegrityFailure.MetadataAltered, failure.Reason);
    }

    [Fact]
    public async Task ResourceKeyUnwrappedOutsideADiskReportsNoDisk()
    {
        using var resource = await TestResource.CreateAsync(customerKey);
        using var otherKey = RsaCustomerKey.Create(name: "other");

        var failure = await Assert.ThrowsAsync<DiskIntegrityException>(() => ResourceKeyWrapping.UnwrapAsync(resource.WrappedKey, otherKey));

        Assert.Equal(DiskIntegrityFailure.WrongKey, failure.Reason);
        Assert.Null(failure.DiskId);
        Assert.Null(failure.ChunkIndex);
    }
}
