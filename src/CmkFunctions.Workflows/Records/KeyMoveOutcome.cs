namespace CmkFunctions.Workflows.Records;

/// <summary>What a resource did when its key asked it to move to a new version.</summary>
public enum KeyMoveOutcome
{
    /// <summary>Re-wrapped with the new version, durably.</summary>
    Moved,

    /// <summary>It already uses that version (a duplicate or late event), or a newer one: nothing changed.</summary>
    AlreadyCurrent,

    /// <summary>It no longer follows this key: deleted, pinned to a version, or moved to another key.</summary>
    NotFollowing,

    /// <summary>It is provisioning or changing: ask again later.</summary>
    Busy,

    /// <summary>Key Vault refused the new version to its identity; its access check reports that.</summary>
    Refused,
}
