namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// Who may call a route: anyone (<see cref="Public"/>: health, and the Key Vault webhook, which checks its own secret) or
/// a caller with a bearer token holding one of <see cref="AnyOfRoles"/>. <see cref="Audited"/> routes leave one audit
/// record per request.
/// </summary>
public sealed record RouteAccess(IReadOnlyList<string> AnyOfRoles, bool Audited)
{
    public static RouteAccess Public { get; } = new([], Audited: false);

    /// <summary>Reading resources and operations.</summary>
    public static RouteAccess Read { get; } = new([ApiRoles.Reader, ApiRoles.Contributor], Audited: false);

    /// <summary>Any change to a resource.</summary>
    public static RouteAccess Change { get; } = new([ApiRoles.Contributor], Audited: true);

    /// <summary>Reading a disk's plaintext.</summary>
    public static RouteAccess ReadData { get; } = new([ApiRoles.DiskDataReader, ApiRoles.DiskDataWriter], Audited: true);

    /// <summary>Writing a disk's plaintext.</summary>
    public static RouteAccess WriteData { get; } = new([ApiRoles.DiskDataWriter], Audited: true);

    public bool IsPublic => AnyOfRoles.Count == 0;
}
