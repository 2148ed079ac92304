namespace CmkFunctions.Core.Validation;

/// <summary>What was observed about a request's key vault, key and the identity's access to the key.</summary>
/// <param name="Key">Null when the key could not be read (not found, or the reader lacks Get).</param>
public sealed record ObservedFacts(VaultFacts Vault, KeyFacts? Key, AccessFacts Access);
