using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>A resource in memory: its resource key wrapped by a customer key, and disks whose DEKs it wraps.</summary>
internal sealed class TestResource : IDisposable
{
    private readonly List<TestDisk> disks = [];

    private TestResource(ResourceKey key, WrappedResourceKey wrapped)
    {
        Key = key;
        WrappedKey = wrapped;
    }

    public ResourceKey Key { get; }

    public WrappedResourceKey WrappedKey { get; }

    public static async Task<TestResource> CreateAsync(IKeyEncryptionKey customerKey, string algorithm = KeyWrapAlgorithms.RsaOaep256)
    {
        var key = ResourceKey.Generate();
        return new TestResource(key, await ResourceKeyWrapping.WrapAsync(key, customerKey, algorithm));
    }

    /// <summary>A new encrypted disk and its metadata, as provisioning would store them.</summary>
    public (DiskMetadata Metadata, byte[] Stored, byte[] Plaintext) AddDisk(long length = 1000, int chunkSize = 256)
    {
        var header = DiskHeader.Create(Guid.NewGuid(), length, chunkSize);
        var dek = DataEncryptionKey.Generate();
        var disk = new TestDisk(header, dek, seed: disks.Count + 1);
        disks.Add(disk);
        var metadata = new DiskMetadata(header, DataEncryptionKeyWrapping.Wrap(dek, Key, header), WrappedKey);
        return (metadata, disk.Stored, disk.Plaintext);
    }

    /// <summary>What a reader with nothing but the stored disk and the customer's key gets back.</summary>
    public static async Task<byte[]> ReadAsync(DiskMetadata metadata, byte[] stored, IKeyEncryptionKeyResolver resolver)
    {
        using var dek = await DataEncryptionKeyWrapping.UnwrapAsync(metadata, resolver);
        using var cipher = new ChunkCipher(dek, metadata.Header);
        var plaintext = new byte[metadata.Header.Length];
        cipher.DecryptChunks(metadata.Header.Layout.AllChunks, stored, plaintext);
        return plaintext;
    }

    public void Dispose()
    {
        disks.ForEach(disk => disk.Dispose());
        Key.Dispose();
    }
}
