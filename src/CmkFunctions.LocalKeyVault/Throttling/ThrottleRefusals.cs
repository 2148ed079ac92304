namespace CmkFunctions.LocalKeyVault.Throttling;

/// <summary><c>GET /_local/throttling/refusals</c>: requests refused with 429, per vault (lower-case name).</summary>
public sealed record ThrottleRefusals(IReadOnlyDictionary<string, int> Vaults);
