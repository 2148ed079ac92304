using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Settings;

/// <summary>Checks what data annotations cannot: files that must exist and settings that must agree.</summary>
public sealed class CmkOptionsValidation : IValidateOptions<CmkOptions>
{
    public ValidateOptionsResult Validate(string? name, CmkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ManagementEndpoint is { IsAbsoluteUri: false } or { Scheme: not "https" })
        {
            failures.Add($"Cmk:ManagementEndpoint '{options.ManagementEndpoint}' must be an absolute https URI.");
        }

        if (!string.IsNullOrEmpty(options.KeyVaultCaCertificate) && !File.Exists(options.KeyVaultCaCertificate))
        {
            failures.Add($"Cmk:KeyVaultCaCertificate '{options.KeyVaultCaCertificate}' does not exist.");
        }

        if (options.AuthorizationCheckInterval > options.AuthorizationTimeout)
        {
            failures.Add($"Cmk:AuthorizationCheckInterval ({options.AuthorizationCheckInterval}) must not exceed Cmk:AuthorizationTimeout ({options.AuthorizationTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
