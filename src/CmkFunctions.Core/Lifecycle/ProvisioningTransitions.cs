namespace CmkFunctions.Core.Lifecycle;

/// <summary>
/// The allowed moves between provisioning states, as data. <c>Creating -> (WaitingForKey) -> ProvisioningDisks -> Succeeded</c>;
/// <c>Succeeded &lt;-> Updating</c>; any live state may be deleted. <c>Failed</c> is terminal: only <c>Deleting</c> follows it.
/// A failed update (a refused key change, say) leaves the resource <c>Succeeded</c>; its operation reports the failure.
/// </summary>
public static class ProvisioningTransitions
{
    public const ProvisioningState Initial = ProvisioningState.Creating;

    public static IReadOnlyDictionary<ProvisioningState, IReadOnlySet<ProvisioningState>> Allowed { get; } =
        new Dictionary<ProvisioningState, IReadOnlySet<ProvisioningState>>
        {
            [ProvisioningState.Creating] = Set(ProvisioningState.WaitingForKey, ProvisioningState.ProvisioningDisks, ProvisioningState.Failed, ProvisioningState.Deleting),
            [ProvisioningState.WaitingForKey] = Set(ProvisioningState.ProvisioningDisks, ProvisioningState.Failed, ProvisioningState.Deleting),
            [ProvisioningState.ProvisioningDisks] = Set(ProvisioningState.Succeeded, ProvisioningState.Failed, ProvisioningState.Deleting),
            [ProvisioningState.Succeeded] = Set(ProvisioningState.Updating, ProvisioningState.Deleting),
            [ProvisioningState.Updating] = Set(ProvisioningState.Succeeded, ProvisioningState.Deleting),
            [ProvisioningState.Failed] = Set(ProvisioningState.Deleting),
            [ProvisioningState.Deleting] = Set(),
        };

    public static bool IsAllowed(ProvisioningState from, ProvisioningState to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    /// <exception cref="InvalidOperationException">The move is not allowed; the message names both states and the allowed ones.</exception>
    public static void EnsureAllowed(ProvisioningState from, ProvisioningState to)
    {
        if (!IsAllowed(from, to))
        {
            var allowed = Allowed[from].Count == 0 ? "none" : string.Join(", ", Allowed[from]);
            throw new InvalidOperationException($"A resource cannot move from {from} to {to}; from {from} it can move to: {allowed}.");
        }
    }

    private static HashSet<ProvisioningState> Set(params ProvisioningState[] states) => [.. states];
}
