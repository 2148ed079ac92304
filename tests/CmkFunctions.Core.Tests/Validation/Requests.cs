using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Validation;

namespace CmkFunctions.Core.Tests.Validation;

/// <summary>Valid requests, facts and resources for each kind; tests change one thing with <c>with</c>.</summary>
internal static class Requests
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";
    public const string OtherSubscription = "00000000-0000-0000-0000-000000000002";
    public const string Region = "eastus";
    public const string KeyVersion = "46ab702136bc4b229f8b10e8c2997fa4";
    public const string OtherVersion = "0123456789abcdef0123456789abcdef";
    public const string ClientId = "11111111-1111-1111-1111-111111111111";
    public const string VaultResourceId = $"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso";
    public const string OtherVaultResourceId = $"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/fabrikam";

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static string KeyUri(string name = "k1", string? version = KeyVersion, string vault = "contoso") =>
        $"https://{vault}.vault.azure.net/keys/{name}" + (version is null ? string.Empty : "/" + version);

    public static CreateResourceRequest Create(string kind) => kind switch
    {
        "hpc-cache" => Request(kind, null, KeyUri(), [Disk("cache0", "data"), Disk("cache1", "data")], []),
        "hdinsight" => Request(kind, new("user", ClientId), KeyUri(), [Disk("os0", "os"), Disk("data0", "data"), Disk("temp0", "temp")], new() { ["clusterType"] = "kafka" }),
        "vmware" => Request(kind, new("system", null), KeyUri(version: null), [Disk("vsan0", "data")], []),
        "redis" => Request(kind, new("user", ClientId), KeyUri(), [Disk("os0", "os"), Disk("aof", "persistence")], new() { ["tier"] = "Balanced" }),
        "ml-workspace" => Request(kind, new("system", null), KeyUri(), [Disk("cosmos", "metadata"), Disk("scratch0", "scratch")], new() { ["hbiWorkspace"] = "true" }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static CreateResourceRequest WithEncryption(this CreateResourceRequest request, Func<EncryptionRequest, EncryptionRequest> change) =>
        request with { Encryption = change(request.Encryption!) };

    public static CreateResourceRequest WithProperties(this CreateResourceRequest request, params (string Name, string Value)[] properties) =>
        request with { Properties = properties.ToDictionary(p => p.Name, p => p.Value) };

    public static CreateResourceRequest WithDisks(this CreateResourceRequest request, params DiskRequest[] disks) =>
        request with { Disks = disks };

    public static DiskRequest Disk(string name, string kind, long sizeBytes = 8 << 20) => new(name, kind, sizeBytes, null);

    public static ResourceDefinition Resource(string kind) => Valid(Create(kind));

    public static ResourceDefinition Valid(CreateResourceRequest request)
    {
        var validation = CreateRequestValidator.Validate(request);
        Assert.True(validation.IsValid, string.Join(Environment.NewLine, validation.Violations));
        return validation.Resource;
    }

    public static KeyFacts Key(int size = 3072, string kty = "RSA", string name = "k1", string version = KeyVersion) =>
        new(KeyVaultKeyIdentifier.Parse(KeyUri(name, version)), kty, size, Enabled: true, NotBefore: null, Expires: null, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);

    public static VaultFacts Vault(string region = Region, string subscription = Subscription, bool softDelete = true, bool purgeProtection = true) =>
        new(region, subscription, softDelete, purgeProtection);

    /// <summary>Facts every kind accepts, with a key of the size the kind takes.</summary>
    public static ObservedFacts Facts(string kind, KeyFacts? key = null, VaultFacts? vault = null, AccessFacts? access = null) =>
        new(vault ?? Vault(), key ?? Key(kind == "hpc-cache" ? 2048 : 3072), access ?? AccessFacts.Full);

    public static IEnumerable<string> Codes(this IEnumerable<Violation> violations) => violations.Select(v => v.Code);

    public static IEnumerable<string> Codes(this IEnumerable<Warning> warnings) => warnings.Select(w => w.Code);

    private static CreateResourceRequest Request(string kind, IdentityRequest? identity, string keyUri, DiskRequest[] disks, Dictionary<string, string> properties) =>
        new("res1", kind, Region, Subscription, new("Microsoft.KeyVault", keyUri, identity, VaultResourceId), disks, properties);
}
