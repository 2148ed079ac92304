using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Checks a requested identity against a kind's identity rules. <c>at</c> is the path of the object holding
/// <c>identity</c> (see <see cref="KeyVaultRules"/>), for the violations' targets.
/// </summary>
internal static class IdentityRules
{
    private const string Types = "'system' (system-assigned) or 'user' (user-assigned)";

    /// <summary>The identity the resource will use: the requested one, else the kind's default; null when there is none.</summary>
    public static ManagedIdentity? Check(ResourceKind? kind, IdentityRequest? request, KeySource keySource, string? at, List<Violation> violations)
    {
        var path = RequestPaths.Member(at, "identity");
        if (request is null)
        {
            return Default(kind, keySource, path, violations);
        }

        if (!IdentityTypeNames.TryParse(request.Type, out var type))
        {
            violations.Add(MissingOrUnknownType(request.Type, path));
            return null;
        }

        if (kind is not null && !kind.IdentityTypes.Contains(type))
        {
            var allowed = Phrases.Either(kind.IdentityTypes.Select(IdentityTypeNames.Describe));
            violations.Add(new(kind.Code(RuleCodes.Kind.IdentityType),
                $"{kind.DisplayName} supports only {allowed} managed identities; identity type '{request.Type}' is not allowed. Use a {allowed} identity.", RequestPaths.Member(path, "type")));
        }

        if (type == IdentityType.UserAssigned && string.IsNullOrWhiteSpace(request.ClientId))
        {
            violations.Add(new(RuleCodes.IdentityClientIdMissing,
                "A user-assigned identity needs its clientId; the request gives none. Add the identity's clientId.", RequestPaths.Member(path, "clientId")));
        }

        return new ManagedIdentity(type, string.IsNullOrWhiteSpace(request.ClientId) ? null : request.ClientId);
    }

    /// <param name="path">The identity's path; the violation names its <c>type</c>.</param>
    public static Violation MissingOrUnknownType(string? type, string path) => type is null
        ? new(RuleCodes.IdentityTypeMissing, $"The identity gives no type; set {path}.type to {Types}.", RequestPaths.Member(path, "type"))
        : new(RuleCodes.IdentityTypeUnknown, $"Identity type '{type}' is not known; use {Types}.", RequestPaths.Member(path, "type"));

    private static ManagedIdentity? Default(ResourceKind? kind, KeySource keySource, string path, List<Violation> violations)
    {
        if (kind?.DefaultIdentityType is { } type)
        {
            return new ManagedIdentity(type, null);
        }

        if (kind is not null && keySource == KeySource.KeyVault)
        {
            var needed = Phrases.Either(kind.IdentityTypes.Select(IdentityTypeNames.Describe));
            violations.Add(new(kind.Code(RuleCodes.Kind.IdentityRequired),
                $"{kind.DisplayName} needs a {needed} managed identity to reach the key vault; the request names none. Add an identity of type '{kind.IdentityTypes[0].ToName()}' with its clientId.", path));
        }

        return null;
    }
}
