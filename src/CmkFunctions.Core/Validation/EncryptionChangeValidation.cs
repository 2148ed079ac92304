using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.Core.Validation;

/// <summary>The result of checking an encryption change request alone: every violation and warning, and the new settings when there are no violations.</summary>
public sealed record EncryptionChangeValidation(IReadOnlyList<Violation> Violations, IReadOnlyList<Warning> Warnings, EncryptionSettings? Encryption)
{
    [MemberNotNullWhen(true, nameof(Encryption))]
    public bool IsValid => Encryption is not null;
}
