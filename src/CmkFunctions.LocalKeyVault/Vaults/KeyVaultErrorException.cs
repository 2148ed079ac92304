namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>
/// A request Key Vault refuses: <see cref="Status"/>, <see cref="Code"/> and <see cref="InnerCode"/> become
/// <c>{"error":{"code","message","innererror":{"code"}}}</c> on the wire.
/// </summary>
public sealed class KeyVaultErrorException(int status, string code, string message, string? innerCode = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? InnerCode { get; } = innerCode;
}
