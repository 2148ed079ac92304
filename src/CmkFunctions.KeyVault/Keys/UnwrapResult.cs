using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <param name="KeyId">The versioned identifier of the key version that unwrapped.</param>
/// <param name="Key">The plaintext key: the caller owns it and zeroes it after use.</param>
public sealed record UnwrapResult(KeyVaultKeyIdentifier KeyId, byte[] Key, KeyWrapAlgorithm Algorithm);
