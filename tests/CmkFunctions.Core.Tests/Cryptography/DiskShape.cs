using CmkFunctions.Core.Cryptography;
using FsCheck;
using FsCheck.Fluent;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>A small disk and a byte range in it, for round-trip properties.</summary>
public sealed record DiskShape(int ChunkSize, long Length, long Offset, long Count, int Seed);

/// <summary>
/// Disk shapes with small chunk sizes (fast), lengths weighted toward the edges — 0, 1, chunk - 1, chunk,
/// chunk + 1, whole multiples and their neighbours — and any range inside.
/// </summary>
public static class DiskShapes
{
    public static Arbitrary<DiskShape> Shapes() =>
        (from chunkSize in Gen.Elements(ChunkFormat.MinChunkSize, 512, 1024)
         from length in Gen.OneOf(EdgeLengths(chunkSize), Gen.Choose(0, 6 * chunkSize).Select(n => (long)n))
         from offset in Gen.Choose(0, (int)length)
         from count in Gen.Choose(0, (int)length - offset)
         from seed in Gen.Choose(0, int.MaxValue)
         select new DiskShape(chunkSize, length, offset, count, seed))
        .ToArbitrary();

    private static Gen<long> EdgeLengths(int chunk) =>
        Gen.Elements(0L, 1L, chunk - 1L, chunk, chunk + 1L, 2L * chunk, 3L * chunk - 1, 3L * chunk + 1, 5L * chunk);
}
