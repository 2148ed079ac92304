using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// A disk's metadata blob as this service last stored it, less the resource key wrap, and the ETag it got: the next
/// re-wrap is then one write conditional on that ETag, without reading the blob first. A blob changed since (a
/// re-encryption's new generation) fails the condition and is read again, so a stale copy costs a request, never data.
/// </summary>
public sealed record StoredDiskMetadata(string ETag, DiskHeader Header, WrappedDataEncryptionKey WrappedDataEncryptionKey)
{
    public DiskMetadata With(WrappedResourceKey resourceKey) => new(Header, WrappedDataEncryptionKey, resourceKey);
}
