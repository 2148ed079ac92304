namespace CmkFunctions.Core.Validation;

/// <summary>What a probe with the resource's identity found it may do with the key.</summary>
public sealed record AccessFacts(bool CanGet, bool CanWrap, bool CanUnwrap)
{
    public static readonly AccessFacts Full = new(true, true, true);
    public static readonly AccessFacts None = new(false, false, false);

    public bool HasAll => CanGet && CanWrap && CanUnwrap;

    /// <summary>The missing permissions, named as Key Vault access policies name them ("Get", "Wrap Key", "Unwrap Key").</summary>
    public IReadOnlyList<string> Missing =>
        [.. new[] { (Granted: CanGet, Name: "Get"), (Granted: CanWrap, Name: "Wrap Key"), (Granted: CanUnwrap, Name: "Unwrap Key") }
            .Where(permission => !permission.Granted)
            .Select(permission => permission.Name)];
}
