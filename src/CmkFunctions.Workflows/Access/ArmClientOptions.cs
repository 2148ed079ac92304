using Azure.Core;

namespace CmkFunctions.Workflows.Access;

/// <summary>Pipeline options for the host's own ARM requests (system-assigned identities).</summary>
public sealed class ArmClientOptions : ClientOptions;
