using Azure;

namespace CmkFunctions.Workflows.Records;

/// <summary>A resource record as read or written, with the ETag a later change must match.</summary>
public sealed record StoredRecord(ResourceState State, ETag ETag);
