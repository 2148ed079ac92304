namespace CmkFunctions.LocalKeyVault.Security;

/// <summary>Who made a request, from the claims of a token this tool issued.</summary>
public sealed record Caller(string ObjectId, string ApplicationId, string TenantId, string Issuer);
