using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.Core.Validation;

/// <summary>The result of checking a create request alone: every violation, and the typed resource when there are none.</summary>
public sealed record CreateRequestValidation(IReadOnlyList<Violation> Violations, ResourceDefinition? Resource)
{
    [MemberNotNullWhen(true, nameof(Resource))]
    public bool IsValid => Resource is not null;
}
