namespace CmkFunctions.Core.Kinds;

/// <summary>A resource property a kind understands. Properties are set at creation only.</summary>
/// <param name="Choices">The accepted values (case-insensitive); for a boolean property <see cref="Boolean"/>.</param>
/// <param name="OnlyWhen">Set when the property applies only under another property's value (HDInsight accelerated writes: HBase).</param>
public sealed record PropertyRule(string Name, IReadOnlyList<string> Choices, bool Required, PropertyCondition? OnlyWhen = null)
{
    public static readonly IReadOnlyList<string> Boolean = ["true", "false"];

    public bool Accepts(string value) => Choices.Contains(value, StringComparer.OrdinalIgnoreCase);
}
