using System.Globalization;
using System.Text.RegularExpressions;

namespace CmkFunctions.Bench.Report;

/// <summary>A benchmark's closing line, <c>name: key=value key=value ...</c>: its name and its fields in printed order.</summary>
internal sealed partial record ResultLine(string Name, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>Reads <paramref name="line"/> as a result line; false for any other output (progress, per-round lines).</summary>
    public static bool TryParse(string line, out ResultLine result)
    {
        result = null!;
        var match = Shape().Match(line.Trim());
        if (!match.Success)
        {
            return false;
        }

        var fields = match.Groups["fields"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1]))
            .ToList();
        result = new ResultLine(match.Groups["name"].Value, fields);
        return true;
    }

    /// <summary>The field's value as a number, or null when the line has no such field or it is not a number.</summary>
    public double? Number(string key) =>
        Fields.Where(field => field.Key == key)
            .Select(field => double.TryParse(field.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null)
            .FirstOrDefault();

    [GeneratedRegex(@"^(?<name>[a-z][a-z0-9_-]*): (?<fields>[^\s=]+=\S+(?: +[^\s=]+=\S+)*)$")]
    private static partial Regex Shape();
}
