using System.Text.Json.Serialization;

namespace CmkFunctions.Core.Cryptography;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DiskMetadata))]
internal sealed partial class DiskMetadataJsonContext : JsonSerializerContext;
