using System.Globalization;
using System.Text.RegularExpressions;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>Data-plane api-versions accepted: 7.4 and later (7.x, x ≥ 4), and the date-named ones that followed 7.6.</summary>
public static partial class ApiVersions
{
    public const string Default = "7.5";

    public static string Require(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return Default;
        }

        var numbered = Numbered().Match(requested);
        if ((numbered.Success && int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture) >= 4) || Dated().IsMatch(requested))
        {
            return requested;
        }

        throw KeyVaultErrors.BadParameter(
            $"The specified version ({requested}) is not recognized. Consider using the latest supported version ({Default}).");
    }

    [GeneratedRegex(@"^7\.(\d+)(-preview(\.\d+)?)?$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^20\d\d-\d\d-\d\d(-preview)?$")]
    private static partial Regex Dated();
}
