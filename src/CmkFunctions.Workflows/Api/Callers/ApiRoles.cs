namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// The API's application roles, as its app registration defines them and tokens carry them in <c>roles</c>. Control-plane
/// and data-plane rights are separate: managing a resource never grants reading or writing its disks' plaintext.
/// </summary>
public static class ApiRoles
{
    /// <summary>Reads resources and operations.</summary>
    public const string Reader = "Cmk.Reader";

    /// <summary>Creates, changes, authorizes, scales up and deletes resources; reads them too.</summary>
    public const string Contributor = "Cmk.Contributor";

    /// <summary>Reads disks' decrypted content.</summary>
    public const string DiskDataReader = "Cmk.DiskData.Reader";

    /// <summary>Writes disks' content; reads it too.</summary>
    public const string DiskDataWriter = "Cmk.DiskData.Writer";
}
