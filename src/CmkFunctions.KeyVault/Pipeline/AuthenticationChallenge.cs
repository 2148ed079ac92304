using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.KeyVault.Pipeline;

/// <summary>
/// What Key Vault's 401 <c>WWW-Authenticate: Bearer authorization="https://login.../{tenant}", resource="..."</c>
/// (or <c>authorization_uri</c>, <c>scope</c>) asks for: the token scope and, when given, the tenant.
/// </summary>
internal sealed record AuthenticationChallenge(string Scope, string? TenantId)
{
    private const string BearerPrefix = "Bearer ";
    private const string DefaultScopeSuffix = "/.default";

    public static bool TryParse(string? header, [NotNullWhen(true)] out AuthenticationChallenge? challenge)
    {
        challenge = null;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string? scope = null;
        string? resource = null;
        string? authorization = null;
        foreach (var parameter in header[BearerPrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = parameter.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var name = parameter[..separator].Trim();
            var value = parameter[(separator + 1)..].Trim().Trim('"');
            switch (name.ToLowerInvariant())
            {
                case "scope": scope = value; break;
                case "resource": resource = value; break;
                case "authorization" or "authorization_uri": authorization = value; break;
            }
        }

        scope ??= resource is null ? null : resource.TrimEnd('/') + DefaultScopeSuffix;
        if (string.IsNullOrEmpty(scope))
        {
            return false;
        }

        challenge = new AuthenticationChallenge(scope, TenantFrom(authorization));
        return true;
    }

    /// <summary>
    /// Whether the challenge's resource is the vault's own service: the vault host is the resource host or under it
    /// (<c>myvault.vault.azure.net</c> under <c>vault.azure.net</c>), so a rogue endpoint cannot obtain a token for another audience.
    /// </summary>
    public bool IsResourceOf(string vaultHost)
    {
        if (!Uri.TryCreate(Scope, UriKind.Absolute, out var resource))
        {
            return false;
        }

        return string.Equals(vaultHost, resource.Host, StringComparison.OrdinalIgnoreCase)
            || vaultHost.EndsWith("." + resource.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static string? TenantFrom(string? authorization) =>
        Uri.TryCreate(authorization, UriKind.Absolute, out var authority)
            ? authority.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            : null;
}
