using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>
/// NIST CAVP AES-GCM known answers through the envelope every chunk and wrapped DEK is stored in
/// (<c>nonce || ciphertext || tag</c>). The chunk cipher itself picks random nonces and its own associated
/// data, so the vectors enter one layer below it, at the code that lays out and opens stored chunks.
/// </summary>
public sealed class AesGcmKnownAnswerTests
{
    private const string Source =
        "NIST CAVP gcmtestvectors.zip, gcmEncryptExtIV256.rsp, [Keylen = 256] [IVlen = 96] [Taglen = 128]";

    /// <summary>Label, key, IV, plaintext, AAD, ciphertext, tag (hex), from <see cref="Source"/>.</summary>
    public static TheoryData<string, string, string, string, string, string, string> Vectors => new()
    {
        {
            "PTlen = 0, AADlen = 0, Count = 0",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "",
            "530f8afbc74536b9a963b4f1c4cb738b"
        },
        {
            "PTlen = 128, AADlen = 0, Count = 0",
            "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22",
            "0d18e06c7c725ac9e362e1ce",
            "2db5168e932556f8089a0622981d017d",
            "",
            "fa4362189661d163fcd6a56d8bf0405a",
            "d636ac1bbedd5cc3ee727dc2ab4a9489"
        },
        {
            "PTlen = 104, AADlen = 0, Count = 3",
            "e5a0eb92cc2b064e1bc80891faf1fab5e9a17a9c3a984e25416720e30e6c2b21",
            "4742357c335913153ff0eb0f",
            "8499893e16b0ba8b007d54665a",
            "",
            "eb8e6175f1fe38eb1acf95fd51",
            "88a8b74bb74fda553e91020a23deed45"
        },
        {
            "PTlen = 256, AADlen = 0, Count = 6",
            "37f39137416bafde6f75022a7a527cc593b6000a83ff51ec04871a0ff5360e4e",
            "a291484c3de8bec6b47f525f",
            "fafd94cede8b5a0730394bec68a8e77dba288d6ccaa8e1563a81d6e7ccc7fc97",
            "",
            "44dc868006b21d49284016565ffb3979cc4271d967628bf7cdaf86db888e92e5",
            "01a2b578aa2f41ec6379a44a31cc019c"
        },
        {
            "PTlen = 408, AADlen = 0, Count = 8",
            "595f259c55abe00ae07535ca5d9b09d6efb9f7e9abb64605c337acbd6b14fc7e",
            "92f258071d79af3e63672285",
            "a6fee33eb110a2d769bbc52b0f36969c287874f665681477a25fc4c48015c541fbe2394133ba490a34ee2dd67b898177849a91",
            "",
            "bbca4a9e09ae9690c0f6f8d405e53dccd666aa9c5fa13c8758bc30abe1ddd1bcce0d36a1eaaaaffef20cd3c5970b9673f8a65c",
            "26ccecb9976fd6ac9c2c0f372c52c821"
        },
        {
            "PTlen = 128, AADlen = 128, Count = 0",
            "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b",
            "ac93a1a6145299bde902f21a",
            "2d71bcfa914e4ac045b2aa60955fad24",
            "1e0889016f67601c8ebea4943bc23ad6",
            "8995ae2e6df3dbf96fac7b7137bae67f",
            "eca5aa77d51d4a0a14d9c51e1da474ab"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void SealingStoresNonceThenNistCiphertextThenNistTag(
        string label, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        _ = label; // names the vector in test output
        using var aes = new AesGcm(Convert.FromHexString(key), ChunkFormat.TagSize);
        var stored = new byte[ChunkFormat.Overhead + plaintext.Length / 2];
        Convert.FromHexString(iv).CopyTo(stored, 0);

        AesGcmEnvelope.Seal(aes, Convert.FromHexString(plaintext), Convert.FromHexString(aad), stored);

        Assert.Equal(Convert.FromHexString(iv + ciphertext + tag), stored);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void OpeningTheNistMessageReturnsTheNistPlaintext(
        string label, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        _ = label; // names the vector in test output
        using var aes = new AesGcm(Convert.FromHexString(key), ChunkFormat.TagSize);
        var opened = new byte[plaintext.Length / 2];

        var authentic = AesGcmEnvelope.TryOpen(aes, Convert.FromHexString(iv + ciphertext + tag), Convert.FromHexString(aad), opened);

        Assert.True(authentic);
        Assert.Equal(Convert.FromHexString(plaintext), opened);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void OpeningTheNistMessageWithAFlippedTagBitFails(
        string label, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        _ = label; // names the vector in test output
        using var aes = new AesGcm(Convert.FromHexString(key), ChunkFormat.TagSize);
        var stored = Convert.FromHexString(iv + ciphertext + tag);
        stored[^1] ^= 0x01;
        var opened = new byte[plaintext.Length / 2];

        var authentic = AesGcmEnvelope.TryOpen(aes, stored, Convert.FromHexString(aad), opened);

        Assert.False(authentic);
        Assert.All(opened, b => Assert.Equal(0, b));
    }
}
