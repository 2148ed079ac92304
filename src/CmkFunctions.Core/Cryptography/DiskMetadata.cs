namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Everything needed, with the customer's key, to decrypt a disk: the authenticated header, the DEK wrapped by
/// the resource key, and the resource key wrapped by the customer's key with its versioned <c>kid</c>.
/// Rotation replaces only <see cref="WrappedResourceKey"/>. Stored as JSON by <see cref="DiskMetadataJson"/>.
/// </summary>
public sealed record DiskMetadata(
    DiskHeader Header,
    WrappedDataEncryptionKey WrappedDataEncryptionKey,
    WrappedResourceKey WrappedResourceKey);
