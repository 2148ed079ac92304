namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A resource's 256-bit key: the middle tier of the key hierarchy. The customer's key wraps it
/// (<see cref="ResourceKeyWrapping"/>); it wraps the DEK of each of the resource's disks
/// (<see cref="DataEncryptionKeyWrapping"/>). Only its wrapped form is ever stored. Dispose it as soon as it
/// is no longer needed: that zeroes the plaintext.
/// </summary>
public sealed class ResourceKey : IDisposable
{
    public const int SizeInBytes = KeyMaterial.Length;

    private ResourceKey(KeyMaterial material) => Material = material;

    internal KeyMaterial Material { get; }

    public static ResourceKey Generate() => new(KeyMaterial.Random());

    internal static ResourceKey CopyOf(ReadOnlySpan<byte> plaintext) => new(KeyMaterial.CopyOf(plaintext));

    public void Dispose() => Material.Dispose();

    public override string ToString() => "ResourceKey (256-bit, value hidden)";
}
