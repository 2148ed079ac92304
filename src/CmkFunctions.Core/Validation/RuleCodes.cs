namespace CmkFunctions.Core.Validation;

/// <summary>
/// Every rule code a validation can report. Codes starting <c>request.</c> or <c>key.</c> hold for every kind;
/// the kind rules below are prefixed with the kind's name (<c>hpc-cache.key-size</c>, see <see cref="Kinds.ResourceKind.Code"/>).
/// </summary>
public static class RuleCodes
{
    public const string KindMissing = "request.kind-missing";
    public const string KindUnknown = "request.kind-unknown";
    public const string NameInvalid = "request.name-invalid";
    public const string RegionMissing = "request.region-missing";
    public const string SubscriptionMissing = "request.subscription-missing";
    public const string KeySourceUnknown = "request.key-source-unknown";
    public const string KeyUriMissing = "request.key-uri-missing";
    public const string KeyUriMalformed = "request.key-uri-malformed";
    public const string PlatformKeyWithKeyVaultSettings = "request.platform-key-with-key-vault-settings";
    public const string KeyVaultResourceIdMissing = "request.key-vault-resource-id-missing";
    public const string KeyVaultResourceIdMalformed = "request.key-vault-resource-id-malformed";
    public const string KeyVaultMismatch = "request.key-vault-mismatch";
    public const string IdentityTypeMissing = "request.identity-type-missing";
    public const string IdentityTypeUnknown = "request.identity-type-unknown";
    public const string IdentityClientIdMissing = "request.identity-client-id-missing";
    public const string DiskNameMissing = "request.disk-name-missing";
    public const string DiskNameInvalid = "request.disk-name-invalid";
    public const string DiskNameDuplicate = "request.disk-name-duplicate";
    public const string DiskKindMissing = "request.disk-kind-missing";
    public const string DiskKindUnknown = "request.disk-kind-unknown";
    public const string DiskSizeMissing = "request.disk-size-missing";
    public const string DiskSize = "request.disk-size";
    public const string DiskSourceUriMalformed = "request.disk-source-uri-malformed";

    public const string KeyNotFound = "key.not-found";
    public const string KeyDisabled = "key.disabled";
    public const string KeyNotYetActive = "key.not-yet-active";
    public const string KeyExpired = "key.expired";
    public const string KeyOperations = "key.operations";

    /// <summary>Rules of a kind: the reported code is <c>{kind}.{rule}</c>.</summary>
    public static class Kind
    {
        public const string IdentityType = "identity-type";
        public const string IdentityRequired = "identity-required";
        public const string VersionedKeyRequired = "versioned-key-required";
        public const string DiskKind = "disk-kind";
        public const string DiskKindNotApplicable = "disk-kind-not-applicable";
        public const string PropertyUnknown = "property-unknown";
        public const string PropertyValue = "property-value";
        public const string PropertyRequired = "property-required";
        public const string PropertyNotApplicable = "property-not-applicable";
        public const string PropertyCreationOnly = "property-creation-only";
        public const string VaultRegion = "vault-region";
        public const string VaultSubscription = "vault-subscription";
        public const string VaultSoftDelete = "vault-soft-delete";
        public const string VaultPurgeProtection = "vault-purge-protection";
        public const string KeyType = "key-type";
        public const string KeySize = "key-size";
        public const string KeySizeRecommended = "key-size-recommended";
        public const string KeyAccess = "key-access";
        public const string CurrentKeyAccess = "current-key-access";
        public const string IdentityChange = "identity-change";
        public const string KeySourceChange = "key-source-change";
        public const string KeySourceChangeDisruption = "key-source-change-disruption";
        public const string KeyImmutable = "key-immutable";
        public const string KeyVaultChange = "key-vault-change";
        public const string KeyChange = "key-change";
        public const string KeyVersionChange = "key-version-change";
        public const string KeyPinningChange = "key-pinning-change";
    }
}
