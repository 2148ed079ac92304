using System.Buffers.Text;
using System.Security.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Validation;

namespace CmkFunctions.Core.Tests.Validation;

public sealed class RsaModulusTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void KeySizeComesFromTheModulus(int size)
    {
        Assert.Equal(size, RsaModulus.SizeInBits(Modulus(size)));
    }

    [Fact]
    public void KeySizeOfAGeneratedRsaKeyIsItsSize()
    {
        using var rsa = RSA.Create(2048);
        var n = Base64Url.EncodeToString(rsa.ExportParameters(includePrivateParameters: false).Modulus);

        Assert.Equal(2048, RsaModulus.SizeInBits(n));
    }

    [Fact]
    public void LeadingZeroByteDoesNotCount()
    {
        using var rsa = RSA.Create(2048);
        var modulus = rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        var n = Base64Url.EncodeToString([0, .. modulus]);

        Assert.Equal(2048, RsaModulus.SizeInBits(n));
    }

    [Theory]
    [InlineData(new byte[] { 0x01 }, 1)]
    [InlineData(new byte[] { 0x7F, 0xFF }, 15)]
    [InlineData(new byte[] { 0x00, 0x00, 0x80, 0x00 }, 16)]
    public void KeySizeCountsSignificantBitsOfTheFirstByte(byte[] modulus, int bits)
    {
        Assert.Equal(bits, RsaModulus.SizeInBits(Base64Url.EncodeToString(modulus)));
    }

    [Fact]
    public void PaddedBase64UrlIsAccepted()
    {
        Assert.Equal(15, RsaModulus.SizeInBits("f_8="));
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("")]
    [InlineData("not base64!")]
    public void ZeroOrMalformedModulusIsRejected(string n)
    {
        Assert.Throws<FormatException>(() => RsaModulus.SizeInBits(n));
    }

    [Fact]
    public void KeyFactsFromJsonWebKeyComputeTheSize()
    {
        var n = Modulus(3072);
        var kid = KeyVaultKeyIdentifier.Parse("https://127.0.0.1:8443/keys/k1/0123456789abcdef0123456789abcdef");

        var facts = KeyFacts.FromJsonWebKey(kid, "RSA", n, enabled: true, notBefore: null, expires: null, ["wrapKey", "unwrapKey"]);

        Assert.Equal(3072, facts.SizeInBits);
    }

    [Fact]
    public void KeyFactsOfANonRsaKeyHaveNoSize()
    {
        var kid = KeyVaultKeyIdentifier.Parse("https://127.0.0.1:8443/keys/k1/0123456789abcdef0123456789abcdef");

        var facts = KeyFacts.FromJsonWebKey(kid, "EC", n: null, enabled: true, notBefore: null, expires: null, ["sign"]);

        Assert.Null(facts.SizeInBits);
    }

    /// <summary>A base64url modulus of exactly <paramref name="bits"/> bits (top bit set), as an RSA key of that size has.</summary>
    private static string Modulus(int bits)
    {
        var modulus = new byte[bits / 8];
        modulus.AsSpan().Fill(0xA5);
        modulus[0] = 0xC5;
        return Base64Url.EncodeToString(modulus);
    }
}
