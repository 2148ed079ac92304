namespace CmkFunctions.Testing;

/// <summary>
/// The local Key Vault's <c>endpoints.env</c> (<c>export NAME=value</c> lines), typed. Vault names are looked up as
/// written in the configuration; in variable names their '-' became '_'.
/// </summary>
public sealed class LocalKeyVaultEndpoints
{
    private const string VaultUrlPrefix = "CMK_VAULT_URL_";
    private const string VaultIdPrefix = "CMK_VAULT_ID_";

    private static readonly string[] RequiredVariables =
    [
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "CMK_TENANT_ID", "CMK_SUBSCRIPTION_ID", "CMK_RESOURCE_GROUP",
        "CMK_ADMIN_CLIENT_ID", "CMK_KV_MANAGEMENT_URL", "CMK_LOGIN_URL", "CMK_CA_CERT",
    ];

    private LocalKeyVaultEndpoints(IReadOnlyDictionary<string, string> variables) => Variables = variables;

    /// <summary>Every variable of the file, as written.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    public Uri IdentityEndpoint => new(Variables["IDENTITY_ENDPOINT"]);

    public string IdentityHeader => Variables["IDENTITY_HEADER"];

    public string TenantId => Variables["CMK_TENANT_ID"];

    public string SubscriptionId => Variables["CMK_SUBSCRIPTION_ID"];

    public string ResourceGroup => Variables["CMK_RESOURCE_GROUP"];

    /// <summary>Client id of the identity with every key permission and management rights.</summary>
    public string AdminClientId => Variables["CMK_ADMIN_CLIENT_ID"];

    public Uri ManagementUri => new(Variables["CMK_KV_MANAGEMENT_URL"]);

    /// <summary>The sign-in authority's root: <c>{LoginUri}{tenant}/.well-known/openid-configuration</c>, as at login.microsoftonline.com.</summary>
    public Uri LoginUri => new(Variables["CMK_LOGIN_URL"]);

    /// <summary>PEM file of the CA that issued the tool's TLS certificate.</summary>
    public string CaCertificatePath => Variables["CMK_CA_CERT"];

    public Uri VaultUri(string vaultName) => new(Variable(VaultUrlPrefix, vaultName));

    /// <summary>The vault's ARM resource id.</summary>
    public string VaultResourceId(string vaultName) => Variable(VaultIdPrefix, vaultName);

    /// <summary>Parses the file's text; returns null while it lacks a required variable (the tool may still be writing it).</summary>
    public static LocalKeyVaultEndpoints? TryParse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || separator <= 0)
            {
                continue;
            }

            variables[line[..separator]] = Unquote(line[(separator + 1)..]);
        }

        var complete = RequiredVariables.All(variables.ContainsKey)
            && variables.Keys.Any(name => name.StartsWith(VaultUrlPrefix, StringComparison.Ordinal));
        return complete ? new LocalKeyVaultEndpoints(variables) : null;
    }

    private string Variable(string prefix, string vaultName)
    {
        var name = prefix + vaultName.Replace('-', '_');
        var match = Variables.Keys.FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Variables[match]
            : throw new KeyNotFoundException($"The local Key Vault has no vault '{vaultName}' (no {name} in endpoints.env).");
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
