namespace CmkFunctions.Core.Kinds;

/// <summary>A resource's properties (name to value; booleans as <c>true</c>/<c>false</c>). Values compare case-insensitively.</summary>
public sealed class ResourceProperties
{
    public static readonly ResourceProperties Empty = new(new Dictionary<string, string>());

    public ResourceProperties(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    public string? this[string name] => Values.GetValueOrDefault(name);

    public bool Is(string name, string value) => string.Equals(this[name], value, StringComparison.OrdinalIgnoreCase);

    public bool IsTrue(string name) => Is(name, "true");
}
