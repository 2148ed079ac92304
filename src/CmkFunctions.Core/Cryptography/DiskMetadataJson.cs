using System.Text.Json;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Disk metadata as UTF-8 JSON, for example:
/// <code>
/// {"header":{"formatVersion":1,"diskId":"…","chunkSize":4194304,"length":1073741824,"dekGeneration":1},
///  "wrappedDataEncryptionKey":{"algorithm":"A256GCM","resourceKeyCheck":"base64…","value":"base64…"},
///  "wrappedResourceKey":{"keyId":"https://contoso.vault.azure.net/keys/cmk/0123…","algorithm":"RSA-OAEP-256","value":"base64…"}}
/// </code>
/// </summary>
public static class DiskMetadataJson
{
    public static byte[] Serialize(DiskMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return JsonSerializer.SerializeToUtf8Bytes(metadata, DiskMetadataJsonContext.Default.DiskMetadata);
    }

    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.MetadataAltered"/>: not metadata this build can read.</exception>
    /// <exception cref="NotSupportedException">The metadata is in a format version this build does not read.</exception>
    public static DiskMetadata Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, DiskMetadataJsonContext.Default.DiskMetadata)
                ?? throw new JsonException("The disk metadata is null.");
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new DiskIntegrityException(
                DiskIntegrityFailure.MetadataAltered,
                diskId: null,
                chunkIndex: null,
                $"The disk metadata is not valid: {exception.Message}",
                exception);
        }
    }
}
