namespace CmkFunctions.Workflows.Records;

/// <summary>A key version: its versioned id and when Key Vault created it (versions are ordered by this, never by event order).</summary>
public sealed record KeyVersion
{
    public string KeyId { get; init; } = string.Empty;

    public DateTimeOffset? CreatedOn { get; init; }
}
