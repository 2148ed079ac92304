using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>Checks a request's properties against the properties its kind understands.</summary>
internal static class PropertyRules
{
    public static ResourceProperties Check(ResourceKind kind, IReadOnlyDictionary<string, string>? values, List<Violation> violations)
    {
        var properties = values is null ? ResourceProperties.Empty : new ResourceProperties(new Dictionary<string, string>(values, StringComparer.Ordinal));

        foreach (var (name, value) in properties.Values)
        {
            var rule = kind.FindPropertyRule(name);
            if (rule is null)
            {
                violations.Add(Unknown(kind, name));
            }
            else if (!rule.Accepts(value))
            {
                violations.Add(new(kind.Code(RuleCodes.Kind.PropertyValue),
                    $"{kind.DisplayName} property '{name}' is '{value}'; use {Phrases.Either(rule.Choices.Select(choice => $"'{choice}'"))}.",
                    RequestPaths.Property(name)));
            }
            else if (rule.OnlyWhen is { } condition && !condition.IsMetBy(properties))
            {
                violations.Add(new(kind.Code(RuleCodes.Kind.PropertyNotApplicable),
                    $"{kind.DisplayName} uses property '{name}' only when {condition}; {Current(properties, condition.Name)}. Remove '{name}' or set {condition.Name} to '{condition.Value}'.",
                    RequestPaths.Property(name)));
            }
        }

        foreach (var rule in kind.Properties.Where(rule => rule.Required && properties[rule.Name] is null))
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.PropertyRequired),
                $"{kind.DisplayName} needs property '{rule.Name}' ({Phrases.Either(rule.Choices.Select(choice => $"'{choice}'"))}); the request gives none.",
                RequestPaths.Property(rule.Name)));
        }

        return properties;
    }

    /// <summary>Properties are set at creation only: a change may repeat a property's value, never alter it.</summary>
    public static void CheckUnchanged(ResourceKind kind, ResourceProperties current, IReadOnlyDictionary<string, string>? requested, List<Violation> violations)
    {
        foreach (var (name, value) in requested ?? new Dictionary<string, string>())
        {
            if (kind.FindPropertyRule(name) is null)
            {
                violations.Add(Unknown(kind, name));
            }
            else if (!current.Is(name, value))
            {
                violations.Add(new(kind.Code(RuleCodes.Kind.PropertyCreationOnly),
                    $"{kind.DisplayName} sets '{name}' only when the {kind.ResourceNoun} is created; it can't be changed for an existing {kind.ResourceNoun} ({Current(current, name)}, requested '{value}'). Create a new {kind.ResourceNoun} with {name} '{value}'.",
                    RequestPaths.Property(name)));
            }
        }
    }

    /// <summary>"clusterType is 'spark'" or "clusterType is not set".</summary>
    public static string Current(ResourceProperties properties, string name) =>
        properties[name] is { } value ? $"{name} is '{value}'" : $"{name} is not set";

    private static Violation Unknown(ResourceKind kind, string name) =>
        new(kind.Code(RuleCodes.Kind.PropertyUnknown), kind.Properties.Count == 0
            ? $"{kind.DisplayName} has no property '{name}'; it takes no properties. Remove '{name}'."
            : $"{kind.DisplayName} has no property '{name}'; its properties are {Phrases.Quoted(kind.Properties.Select(rule => rule.Name))}.",
            RequestPaths.Property(name));
}
