using System.Text;
using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.ManagedIdentity;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Hosting;

/// <summary>
/// <c>endpoints.env</c>, the readiness signal: shell <c>export NAME=value</c> lines written atomically once every
/// listener is up. Vault names with '-' become '_' in variable names; so do the names of identities with app roles
/// (<c>CMK_OPERATOR_CLIENT_ID</c>).
/// </summary>
public static class EndpointsFile
{
    public static void Write(DataDirectory data, ToolSettings settings, IdentityRegistry identities, VaultRegistry vaults)
    {
        var lines = new List<(string Name, string Value)>
        {
            ("IDENTITY_ENDPOINT", $"http://127.0.0.1:{settings.IdentityPort}{TokenEndpoint.Path}"),
            ("IDENTITY_HEADER", settings.IdentityHeader),
            ("CMK_TENANT_ID", settings.TenantId),
            ("CMK_SUBSCRIPTION_ID", settings.SubscriptionId),
            ("CMK_RESOURCE_GROUP", settings.ResourceGroup),
        };
        var admin = identities.Find(
            $"/subscriptions/{settings.SubscriptionId}/resourceGroups/{settings.ResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/admin");
        if (admin is not null)
        {
            lines.Add(("CMK_ADMIN_CLIENT_ID", admin.ClientId));
        }

        foreach (var caller in identities.WithAppRoles())
        {
            lines.Add(($"CMK_{caller.Name.ToUpperInvariant().Replace('-', '_')}_CLIENT_ID", caller.ClientId));
        }

        lines.Add(("CMK_KV_MANAGEMENT_URL", $"https://127.0.0.1:{settings.ManagementPort}/"));
        lines.Add(("CMK_LOGIN_URL", $"https://127.0.0.1:{settings.ManagementPort}/"));
        lines.Add(("CMK_CA_CERT", Path.GetFullPath(data.CaCertificateFile)));
        foreach (var vault in vaults.All)
        {
            var suffix = vault.Name.Replace('-', '_');
            lines.Add(($"CMK_VAULT_URL_{suffix}", vault.Record.VaultUri.ToString()));
            lines.Add(($"CMK_VAULT_ID_{suffix}", vault.Record.ResourceId));
        }

        var content = new StringBuilder();
        foreach (var (name, value) in lines)
        {
            content.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }

        AtomicFile.Write(data.EndpointsFile, Encoding.UTF8.GetBytes(content.ToString()));
    }

    // Values are URLs, ids and paths; quote only what a shell would split or expand.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "/:._-+=,@%".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
