using System.Text.Json;

namespace CmkFunctions.Infra.Tests;

/// <summary>
/// The deployment's Bicep compiles and passes the linter with nothing to report: <c>infra/main.bicep</c> (with every
/// module it uses), provisioned by <c>azd up</c>, and <c>infra/keyvault-events.bicep</c>, deployed after the code.
/// </summary>
public sealed class BicepTemplateTests
{
    public static TheoryData<string> Templates => new() { "infra/main.bicep", "infra/keyvault-events.bicep" };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_Builds_WithoutWarnings(string template)
    {
        var run = await BicepCli.RunAsync("build", template, "--stdout");

        Assert.True(run.ExitCode == 0 && !run.ReportsWarningsOrErrors, run.ToString());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_PassesLint_WithoutWarnings(string template)
    {
        var run = await BicepCli.RunAsync("lint", template);

        Assert.True(run.ExitCode == 0 && !run.ReportsWarningsOrErrors, run.ToString());
    }

    [Fact]
    public async Task MainTemplate_DeploysAFunctionApp_OneStorageAccount_AndTheDemoKeyVault_Only()
    {
        var run = await BicepCli.RunAsync("build", "infra/main.bicep", "--stdout");
        Assert.True(run.ExitCode == 0, run.ToString());

        using var template = JsonDocument.Parse(run.Output);
        var types = ResourceTypes(template.RootElement).Where(type => type != "Microsoft.Resources/deployments").ToHashSet();

        string[] expected =
        [
            "Microsoft.Resources/resourceGroups",
            "Microsoft.ManagedIdentity/userAssignedIdentities",
            "Microsoft.Storage/storageAccounts",
            "Microsoft.Storage/storageAccounts/blobServices",
            "Microsoft.Storage/storageAccounts/blobServices/containers",
            "Microsoft.OperationalInsights/workspaces",
            "Microsoft.Insights/components",
            "Microsoft.KeyVault/vaults",
            "Microsoft.KeyVault/vaults/keys",
            "Microsoft.EventGrid/systemTopics",
            "Microsoft.Web/serverfarms",
            "Microsoft.Web/sites",
            "Microsoft.Web/sites/config",
            "Microsoft.Authorization/roleAssignments",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }

    /// <summary>The <c>type</c> of every resource in an ARM template and in the templates of its nested deployments.</summary>
    private static IEnumerable<string> ResourceTypes(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // Bicep writes an object keyed by symbolic name when a template needs language version 2.0, an array otherwise.
        var list = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(property => property.Value)
            : resources.EnumerateArray();
        foreach (var resource in list)
        {
            yield return resource.GetProperty("type").GetString()!;
            if (resource.TryGetProperty("properties", out var properties) && properties.TryGetProperty("template", out var nested))
            {
                foreach (var type in ResourceTypes(nested))
                {
                    yield return type;
                }
            }
        }
    }
}
