namespace CmkFunctions.Workflows.Disks;

/// <summary>A disk switched to a new DEK generation under a write, which may therefore not have been applied.</summary>
public sealed class DiskReencryptedDuringWriteException : Exception
{
    public DiskReencryptedDuringWriteException()
    {
    }

    public DiskReencryptedDuringWriteException(string message)
        : base(message)
    {
    }

    public DiskReencryptedDuringWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
