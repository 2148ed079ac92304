using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CmkFunctions.LocalKeyVault.KeyVaultApi.Wire;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>
/// Key Vault's list paging: <c>maxresults</c> (1-25, default 25) and an absolute <c>nextLink</c> that carries an
/// opaque <c>$skiptoken</c>.
/// </summary>
public static class Paging
{
    private const int MaxPageSize = 25;

    public static Page<T> Page<T>(IReadOnlyList<T> all, int? maxResults, string? skipToken, VaultCall call, string path)
    {
        var pageSize = maxResults ?? MaxPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw KeyVaultErrors.BadParameter($"The value of maxresults must be between 1 and {MaxPageSize}.");
        }

        var start = skipToken is null ? 0 : Offset(skipToken);
        var page = all.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count;
        string? nextLink = null;
        if (next < all.Count)
        {
            var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
            nextLink = $"{call.Vault.Record.VaultUri}{path}?api-version={call.ApiVersion}&$skiptoken={token}"
                + (maxResults is null ? string.Empty : $"&maxresults={pageSize}");
        }

        return new Page<T>(page, nextLink);
    }

    private static int Offset(string skipToken)
    {
        try
        {
            return int.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(skipToken)), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw KeyVaultErrors.BadParameter("The $skiptoken is not valid.");
        }
    }
}
