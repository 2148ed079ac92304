namespace CmkFunctions.Core.Kinds;

/// <summary>"Property <see cref="Name"/> is <see cref="Value"/>" (value compared case-insensitively).</summary>
public sealed record PropertyCondition(string Name, string Value)
{
    public bool IsMetBy(ResourceProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Is(Name, Value);
    }

    public override string ToString() => $"{Name} is '{Value}'";
}
