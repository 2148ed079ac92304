using System.Text.Json.Serialization;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// A broken rule: a stable <paramref name="Code"/> (e.g. <c>hpc-cache.key-size</c>), a sentence that names the rule, the
/// offending value and what to do, and the <paramref name="Target"/> when one member of the request is at fault.
/// </summary>
/// <param name="Target">
/// The JSON path of that member in the request body (<c>kind</c>, <c>encryption.keyUri</c>, <c>disks[1].sizeBytes</c>),
/// or the name of the query parameter at fault (<c>$top</c>).
/// </param>
public sealed record Violation(
    string Code,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null);
