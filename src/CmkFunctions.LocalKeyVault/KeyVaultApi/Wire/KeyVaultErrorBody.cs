namespace CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;

/// <summary><c>{"error":{"code","message","innererror":{"code"}}}</c>, Key Vault's error body.</summary>
public sealed record KeyVaultErrorBody(KeyVaultError Error);

public sealed record KeyVaultError(string Code, string Message, KeyVaultInnerError? Innererror);

public sealed record KeyVaultInnerError(string Code);
