using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <param name="KeyId">The versioned identifier of the key version that wrapped: store it beside the wrapped key.</param>
public sealed record WrapResult(KeyVaultKeyIdentifier KeyId, byte[] EncryptedKey, KeyWrapAlgorithm Algorithm);
