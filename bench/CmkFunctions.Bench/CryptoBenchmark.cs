using System.Globalization;
using System.Security.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Bench;

/// <summary>
/// Chunk encryption and decryption throughput through <see cref="ChunkCipher"/> against raw
/// <see cref="AesGcm"/> encryption of the same buffers, one thread. Ends with the summary line for 4 MiB chunks.
/// </summary>
internal static class CryptoBenchmark
{
    private const int MiB = 1024 * 1024;
    private const int BytesPerRound = 128 * MiB;
    private const int Warmups = 2;
    private const int Iterations = 15;

    private static readonly int[] ChunkSizes = [64 * 1024, MiB, 4 * MiB];

    public static int Run()
    {
        Result? last = null;
        foreach (var chunkSize in ChunkSizes)
        {
            last = Measure(chunkSize);
            Console.WriteLine(Invariant(
                $"chunk={chunkSize / 1024}KiB encrypt={last.EncryptMiBps:F0}MiB/s decrypt={last.DecryptMiBps:F0}MiB/s raw={last.RawMiBps:F0}MiB/s ratio={last.Ratio:F3}"));
        }

        Console.WriteLine(Invariant(
            $"crypto: encrypt={last!.EncryptMiBps:F0} decrypt={last.DecryptMiBps:F0} raw={last.RawMiBps:F0} ratio={last.Ratio:F3} alloc_per_chunk={last.AllocatedPerChunk}"));
        return 0;
    }

    private static Result Measure(int chunkSize)
    {
        var chunks = BytesPerRound / chunkSize;
        var header = DiskHeader.Create(Guid.NewGuid(), (long)chunks * chunkSize, chunkSize);
        using var key = DataEncryptionKey.Generate();
        using var cipher = new ChunkCipher(key, header);
        using var rawAes = new AesGcm(RandomNumberGenerator.GetBytes(DataEncryptionKey.SizeInBytes), ChunkFormat.TagSize);

        var plaintext = RandomNumberGenerator.GetBytes(chunkSize);
        var stored = new byte[chunkSize + ChunkFormat.Overhead];
        var storedChunkZero = new byte[chunkSize + ChunkFormat.Overhead];
        var decrypted = new byte[chunkSize];
        var rawNonce = RandomNumberGenerator.GetBytes(ChunkFormat.NonceSize);
        var rawTag = new byte[ChunkFormat.TagSize];
        cipher.Encrypt(0, plaintext, storedChunkZero);

        void Encrypt()
        {
            for (var index = 0; index < chunks; index++)
            {
                cipher.Encrypt(index, plaintext, stored);
            }
        }

        // Every round decrypts the same authentic chunk: the work per chunk is what a read does.
        void Decrypt()
        {
            for (var i = 0; i < chunks; i++)
            {
                cipher.Decrypt(0, storedChunkZero, decrypted);
            }
        }

        void RawEncrypt()
        {
            for (var i = 0; i < chunks; i++)
            {
                rawAes.Encrypt(rawNonce, plaintext, stored.AsSpan(ChunkFormat.NonceSize, chunkSize), rawTag);
            }
        }

        var seconds = Timing.MedianSeconds(Warmups, Iterations, Encrypt, RawEncrypt, Decrypt);
        var allocated = Timing.AllocatedBytes(Encrypt) + Timing.AllocatedBytes(Decrypt);
        if (!decrypted.AsSpan().SequenceEqual(plaintext))
        {
            throw new InvalidOperationException("The chunk path did not decrypt to its plaintext.");
        }

        return new Result(
            EncryptMiBps: BytesPerRound / (double)MiB / seconds[0],
            RawMiBps: BytesPerRound / (double)MiB / seconds[1],
            DecryptMiBps: BytesPerRound / (double)MiB / seconds[2],
            AllocatedPerChunk: allocated / (2L * chunks));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Result(double EncryptMiBps, double RawMiBps, double DecryptMiBps, long AllocatedPerChunk)
    {
        public double Ratio => EncryptMiBps / RawMiBps;
    }
}
