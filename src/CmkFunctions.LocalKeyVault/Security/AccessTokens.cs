using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Security;

/// <summary>Why a bearer token was refused.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Malformed,
    InvalidSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
}

/// <summary>The outcome of checking a request's bearer token: a <see cref="Caller"/> or a <see cref="TokenFailure"/>.</summary>
public sealed record TokenCheck(Caller? Caller, TokenFailure Failure, string? Audience);

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresOn);

/// <summary>
/// Issues Entra-ID-shaped JWT access tokens for managed identities (RS256, claims aud, iss, tid, oid, appid, azp,
/// xms_mirid, iat, nbf, exp, and roles when the identity has app roles) and checks them on the data plane and the
/// management API. The issuer is the identity's tenant's (<c>https://sts.windows.net/{tenant}/</c>); vaults and the
/// management API accept only the tool's own tenant.
/// </summary>
public sealed class AccessTokens(TokenSigningKey signingKey, ToolSettings settings, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public string Issuer => IssuerOf(settings.TenantId);

    public static string IssuerOf(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    public IssuedToken Issue(IdentityRecord identity, string resource)
    {
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var header = new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = signingKey.KeyId };
        var payload = new Dictionary<string, object>
        {
            ["aud"] = resource,
            ["iss"] = IssuerOf(identity.TenantId),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = identity.ClientId,
            ["appidacr"] = "2",
            ["azp"] = identity.ClientId,
            ["idp"] = IssuerOf(identity.TenantId),
            ["idtyp"] = "app",
            ["oid"] = identity.PrincipalId,
            ["sub"] = identity.PrincipalId,
            ["tid"] = identity.TenantId,
            ["ver"] = "1.0",
            ["xms_mirid"] = identity.OwnerResourceId,
        };
        if (identity.AppRoles is { Count: > 0 } roles)
        {
            payload["roles"] = roles;
        }

        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = signingKey.Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new IssuedToken($"{signingInput}.{Base64Url.EncodeToString(signature)}", expires);
    }

    /// <summary>Checks an <c>Authorization</c> header value against the audiences a surface accepts.</summary>
    public TokenCheck Check(string? authorization, IReadOnlyCollection<string> audiences)
    {
        const string Scheme = "Bearer ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(TokenFailure.Missing);
        }

        var parts = authorization[Scheme.Length..].Trim().Split('.');
        if (parts.Length != 3)
        {
            return Fail(TokenFailure.Malformed);
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return Fail(TokenFailure.Malformed);
            }

            var signed = signingKey.Key.VerifyData(
                Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                Base64Url.DecodeFromChars(parts[2]),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1);
            if (!signed)
            {
                return Fail(TokenFailure.InvalidSignature);
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return CheckClaims(payload.RootElement, audiences);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail(TokenFailure.Malformed);
        }
    }

    private TokenCheck CheckClaims(JsonElement claims, IReadOnlyCollection<string> audiences)
    {
        var now = time.GetUtcNow();
        var audience = claims.GetProperty("aud").GetString();
        if (DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()) + ClockSkew <= now)
        {
            return Fail(TokenFailure.Expired, audience);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("nbf").GetInt64()) - ClockSkew > now)
        {
            return Fail(TokenFailure.NotYetValid, audience);
        }

        if (audience is null || !audiences.Contains(audience, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(TokenFailure.WrongAudience, audience);
        }

        var issuer = claims.GetProperty("iss").GetString();
        var tenant = claims.GetProperty("tid").GetString();
        if (issuer != Issuer || tenant != settings.TenantId)
        {
            return Fail(TokenFailure.WrongIssuer, audience);
        }

        var caller = new Caller(
            claims.GetProperty("oid").GetString()!,
            claims.GetProperty("appid").GetString()!,
            tenant,
            issuer);
        return new TokenCheck(caller, TokenFailure.None, audience);
    }

    private static TokenCheck Fail(TokenFailure failure, string? audience = null) => new(null, failure, audience);

    private static string Encode(Dictionary<string, object> value) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
