using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>A resource's access to its key as GET shows it, beside <c>encryptionStatus</c>.</summary>
/// <param name="LastConfirmedAt">When Key Vault last confirmed the identity may unwrap with the key, as recorded: by a key move, or by the health check at most every quarter of the key cache window.</param>
/// <param name="InaccessibleSince">When access was found lost; null while it is not.</param>
/// <param name="Reason">Why access is lost, as Key Vault answered.</param>
/// <param name="Warning">A warning about the key, e.g. <c>key-near-expiry</c>.</param>
public sealed record KeyAccessView(DateTimeOffset? LastConfirmedAt, DateTimeOffset? InaccessibleSince, string? Reason, ErrorView? Warning)
{
    public static KeyAccessView From(KeyAccessState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new KeyAccessView(
            state.ConfirmedAt,
            state.LostAt,
            state.LostReason,
            state.Warning is null ? null : new ErrorView(state.Warning.Code, state.Warning.Message));
    }
}
