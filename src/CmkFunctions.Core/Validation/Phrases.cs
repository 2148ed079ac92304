namespace CmkFunctions.Core.Validation;

/// <summary>Small helpers that make violation sentences read naturally.</summary>
internal static class Phrases
{
    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Either(IEnumerable<string> items) => Join(items, "or");

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Both(IEnumerable<string> items) => Join(items, "and");

    public static string Quoted(IEnumerable<string> items) => string.Join(", ", items.Select(item => $"'{item}'"));

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count <= 1
            ? string.Concat(list)
            : $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}";
    }
}
