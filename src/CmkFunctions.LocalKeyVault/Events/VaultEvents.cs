namespace CmkFunctions.LocalKeyVault.Events;

/// <summary>
/// Where vaults announce key versions and access-policy changes. Raised after the change is persisted;
/// Event Grid delivery subscribes here.
/// </summary>
public sealed class VaultEvents
{
    public event EventHandler<VaultEvent>? Raised;

    public void Raise(VaultEvent vaultEvent) => Raised?.Invoke(this, vaultEvent);
}
