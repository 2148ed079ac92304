namespace CmkFunctions.Workflows.Disks;

/// <summary>Other writers kept replacing a chunk while a write tried to patch it.</summary>
public sealed class ConcurrentChunkWriteException : Exception
{
    public ConcurrentChunkWriteException()
    {
    }

    public ConcurrentChunkWriteException(string message)
        : base(message)
    {
    }

    public ConcurrentChunkWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
