using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Stage one of create validation: the request alone, against its kind's rules. Reports every violation at once;
/// stage two (<see cref="CreateFactsValidator"/>) checks the result against what Key Vault shows.
/// </summary>
public static class CreateRequestValidator
{
    private const int MaxNameLength = 63;

    public static CreateRequestValidation Validate(CreateResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<Violation>();

        if (!IsResourceName(request.Name))
        {
            violations.Add(new(RuleCodes.NameInvalid,
                $"Resource name '{request.Name}' must be 1-{MaxNameLength} letters, digits or hyphens, starting with a letter or digit."));
        }

        var kinds = Phrases.Quoted(ResourceKinds.All.Select(k => k.Name));
        ResourceKind? kind = null;
        if (request.Kind is null)
        {
            violations.Add(new(RuleCodes.KindMissing, $"The request gives no kind; set kind to one of {kinds}.", RequestPaths.Kind));
        }
        else if (!ResourceKinds.TryGet(request.Kind, out kind))
        {
            violations.Add(new(RuleCodes.KindUnknown, $"Kind '{request.Kind}' is not supported; use one of {kinds}.", RequestPaths.Kind));
        }

        var noun = kind?.ResourceNoun ?? "resource";
        if (string.IsNullOrWhiteSpace(request.Region))
        {
            violations.Add(new(RuleCodes.RegionMissing, $"The request gives no region; set region to where the {noun} runs, e.g. 'eastus'.", RequestPaths.Region));
        }

        if (string.IsNullOrWhiteSpace(request.SubscriptionId))
        {
            violations.Add(new(RuleCodes.SubscriptionMissing, $"The request gives no subscriptionId; set it to the subscription the {noun} belongs to.", RequestPaths.SubscriptionId));
        }

        var encryption = CheckEncryption(kind, request.Encryption ?? new EncryptionRequest(null, null, null, null), violations);
        var properties = kind is null ? ResourceProperties.Empty : PropertyRules.Check(kind, request.Properties, violations);
        var disks = DiskRules.Check(kind, properties, request.Disks, [], violations);

        var resource = violations.Count == 0
            ? new ResourceDefinition(request.Name!, kind!, request.Region!, request.SubscriptionId!, encryption!, disks, properties)
            : null;
        return new CreateRequestValidation(violations, resource);
    }

    /// <summary>Checks disks added to an existing resource (scale-up) the way creation checks them.</summary>
    public static AddedDisksValidation ValidateAddedDisks(
        ResourceDefinition resource,
        IReadOnlyList<DiskRequest> disks)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var violations = new List<Violation>();
        var definitions = DiskRules.Check(resource.Kind, resource.Properties, disks, [.. resource.Disks.Select(d => d.Name)], violations);
        return new AddedDisksValidation(violations, violations.Count == 0 ? definitions : []);
    }

    private static EncryptionSettings? CheckEncryption(ResourceKind? kind, EncryptionRequest request, List<Violation> violations)
    {
        const string at = RequestPaths.Encryption;
        var source = KeyVaultRules.CheckKeySource(request.KeySource, request.KeyUri is not null, at, violations);
        if (source is null)
        {
            return null;
        }

        var identity = IdentityRules.Check(kind, request.Identity, source.Value, at, violations);
        if (source == KeySource.Platform)
        {
            KeyVaultRules.CheckNoKeyVaultSettings(request.KeyUri, request.KeyVaultResourceId, at, violations);
            return EncryptionSettings.Platform(identity);
        }

        var keyId = KeyVaultRules.CheckKeyUri(kind, request.KeyUri, at, violations);
        var vault = KeyVaultRules.CheckVaultResourceId(request.KeyVaultResourceId, keyId, at, violations);
        return new EncryptionSettings(KeySource.KeyVault, keyId, identity, vault);
    }

    private static bool IsResourceName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
