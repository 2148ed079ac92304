using System.Text;
using System.Text.Json.Nodes;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class DiskMetadataJsonTests
{
    private const string KeyId = "https://contoso.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef";

    private static readonly DiskMetadata Metadata = new(
        DiskHeader.Create(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), length: 10_000_000, dekGeneration: 3),
        new WrappedDataEncryptionKey(KeyWrapAlgorithms.Aes256Gcm, Enumerable.Repeat((byte)7, 32).ToArray(), Enumerable.Repeat((byte)9, 60).ToArray()),
        new WrappedResourceKey(KeyId, KeyWrapAlgorithms.RsaOaep256, Enumerable.Repeat((byte)5, 256).ToArray()));

    [Fact]
    public void MetadataSurvivesJsonRoundTrip()
    {
        var json = DiskMetadataJson.Serialize(Metadata);

        var read = DiskMetadataJson.Deserialize(json);

        Assert.Equal(Metadata, read);
    }

    [Fact]
    public void JsonNamesEveryFieldADiskNeedsToBeDecrypted()
    {
        var json = JsonNode.Parse(DiskMetadataJson.Serialize(Metadata))!;

        Assert.Equal(1, (int)json["header"]!["formatVersion"]!);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", (string)json["header"]!["diskId"]!);
        Assert.Equal(4 * 1024 * 1024, (int)json["header"]!["chunkSize"]!);
        Assert.Equal(10_000_000, (long)json["header"]!["length"]!);
        Assert.Equal(3u, (uint)json["header"]!["dekGeneration"]!);
        Assert.Equal("A256GCM", (string)json["wrappedDataEncryptionKey"]!["algorithm"]!);
        Assert.Equal(Convert.ToBase64String(Metadata.WrappedDataEncryptionKey.ResourceKeyCheck.Span), (string)json["wrappedDataEncryptionKey"]!["resourceKeyCheck"]!);
        Assert.Equal(Convert.ToBase64String(Metadata.WrappedDataEncryptionKey.Value.Span), (string)json["wrappedDataEncryptionKey"]!["value"]!);
        Assert.Equal(KeyId, (string)json["wrappedResourceKey"]!["keyId"]!);
        Assert.Equal("RSA-OAEP-256", (string)json["wrappedResourceKey"]!["algorithm"]!);
        Assert.Equal(Convert.ToBase64String(Metadata.WrappedResourceKey.Value.Span), (string)json["wrappedResourceKey"]!["value"]!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{}")]
    public void UnreadableMetadataIsAlteredMetadata(string text)
    {
        var failure = Assert.Throws<DiskIntegrityException>(() => DiskMetadataJson.Deserialize(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(DiskIntegrityFailure.MetadataAltered, failure.Reason);
    }

    [Theory]
    [InlineData("header", "chunkSize", 300)]
    [InlineData("header", "length", -1)]
    [InlineData("header", "diskId", "00000000-0000-0000-0000-000000000000")]
    [InlineData("header", "unexpected", 1)]
    [InlineData("wrappedDataEncryptionKey", "algorithm", "A128GCM")]
    [InlineData("wrappedDataEncryptionKey", "value", "AAAA")]
    [InlineData("wrappedResourceKey", "algorithm", "RSA1_5")]
    [InlineData("wrappedResourceKey", "keyId", null)]
    public void MetadataWithAnInvalidFieldIsAlteredMetadata(string section, string field, object? value)
    {
        var json = JsonNode.Parse(DiskMetadataJson.Serialize(Metadata))!;
        json[section]![field] = JsonValue.Create(value);

        var failure = Assert.Throws<DiskIntegrityException>(() => DiskMetadataJson.Deserialize(Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.Equal(DiskIntegrityFailure.MetadataAltered, failure.Reason);
    }

    [Fact]
    public void MetadataFromAnotherFormatVersionIsNotSupported()
    {
        var json = JsonNode.Parse(DiskMetadataJson.Serialize(Metadata))!;
        json["header"]!["formatVersion"] = 2;

        var refusal = Assert.Throws<NotSupportedException>(() => DiskMetadataJson.Deserialize(Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.Contains("version 2", refusal.Message, StringComparison.Ordinal);
    }
}
