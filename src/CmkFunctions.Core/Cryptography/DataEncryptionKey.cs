namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A disk's 256-bit AES-GCM data encryption key (DEK): the bottom tier of the key hierarchy. The resource key
/// wraps it (<see cref="DataEncryptionKeyWrapping"/>); a <see cref="ChunkCipher"/> uses it for the disk's chunks.
/// Only its wrapped form is ever stored. Dispose it as soon as it is no longer needed: that zeroes the plaintext.
/// </summary>
public sealed class DataEncryptionKey : IDisposable
{
    public const int SizeInBytes = KeyMaterial.Length;

    private DataEncryptionKey(KeyMaterial material) => Material = material;

    internal KeyMaterial Material { get; }

    public static DataEncryptionKey Generate() => new(KeyMaterial.Random());

    internal static DataEncryptionKey Empty() => new(KeyMaterial.Empty());

    public void Dispose() => Material.Dispose();

    public override string ToString() => "DataEncryptionKey (256-bit, value hidden)";
}
