using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CmkFunctions.Workflows.Api.Paging;

/// <summary>
/// <c>$skiptoken</c> values: the table's continuation, opaque to callers (base64url), behind a format version and a
/// digest of the continuation and the tenant it was given to. The digest is no secret, so it does not stop a forger;
/// it makes a token cut short, edited or carried to another tenant's caller a refusal rather than a query from wherever
/// the change points. A forged token still lists only the caller's own tenant: the tenant filter comes from the
/// caller's token, never from the skip token.
/// </summary>
internal static class SkipTokens
{
    private const byte Version = 1;
    private const int DigestLength = 16;

    public static string Write(string continuation, string tenantId)
    {
        var text = Encoding.UTF8.GetBytes(continuation);
        var token = new byte[1 + DigestLength + text.Length];
        token[0] = Version;
        Digest(text, tenantId).CopyTo(token, 1);
        text.CopyTo(token, 1 + DigestLength);
        return Base64Url.EncodeToString(token);
    }

    public static bool TryRead(string? skipToken, string tenantId, out string? continuation)
    {
        continuation = null;
        if (string.IsNullOrEmpty(skipToken) || !Base64Url.IsValid(skipToken, out var length) || length <= 1 + DigestLength)
        {
            return false;
        }

        var token = Base64Url.DecodeFromChars(skipToken);
        var text = token.AsSpan(1 + DigestLength);
        if (token[0] != Version || !CryptographicOperations.FixedTimeEquals(token.AsSpan(1, DigestLength), Digest(text, tenantId)))
        {
            return false;
        }

        continuation = Encoding.UTF8.GetString(text);
        return true;
    }

    /// <summary>Tenants compare ignoring case, as <see cref="Callers.ApiCaller.Owns"/> compares them.</summary>
    private static byte[] Digest(ReadOnlySpan<byte> continuation, string tenantId)
    {
        var tenant = Encoding.UTF8.GetBytes(tenantId.ToUpperInvariant() + "\n");
        return SHA256.HashData([.. tenant, .. continuation])[..DigestLength];
    }
}
