using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CmkFunctions.Testing;
using static CmkFunctions.Portal.Tests.PortalSession;
using static Microsoft.Playwright.Assertions;

namespace CmkFunctions.Portal.Tests;

/// <summary>The page's list of resources follows the API's <c>nextLink</c>s: it shows every page, not only the first.</summary>
[Collection(IntegrationFixture.Collection)]
public sealed class ListThroughThePageTests(IntegrationFixture fixture)
{
    /// <summary>More than the API's default page of 100.</summary>
    private const int Count = 130;

    [Fact]
    public async Task TheListShowsEveryPageOfTheTenantsResources()
    {
        var tenant = Guid.NewGuid().ToString();
        var names = await StoreResourcesAsync(tenant);
        await using var host = await HostProcess.StartAsync(fixture, Unique("list"), FastSettings);
        var reader = await fixture.Admin.CreateUserAssignedIdentityAsync(Unique("reader"), tenantId: tenant, appRoles: [ApiCallers.Reader]);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, host.BaseUri);

        await SignInAsync(page, await TokenForAsync(reader.ClientId));

        var rows = page.Locator("table.grid tbody tr");
        await Expect(rows).ToHaveCountAsync(Count);
        Assert.Equal(names, await rows.Locator("td:first-child").AllInnerTextsAsync());
    }

    /// <summary>
    /// Succeeded HPC Caches of <paramref name="tenant"/>, written straight into the records table as the service writes
    /// them (the state, and the tenant upper-cased as its own property); their names in order.
    /// </summary>
    private async Task<IReadOnlyList<string>> StoreResourcesAsync(string tenant)
    {
        var records = new TableServiceClient(fixture.AzuriteConnectionString).GetTableClient("resources");
        await records.CreateIfNotExistsAsync();
        var names = Enumerable.Range(0, Count).Select(i => $"{Unique("listed")}-{i:D3}").Order(StringComparer.Ordinal).ToList();
        foreach (var batch in names.Chunk(100))
        {
            await records.SubmitTransactionAsync(batch.Select(name => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("resource", name)
            {
                ["TenantId"] = tenant.ToUpperInvariant(),
                ["State"] = new JsonObject
                {
                    ["spec"] = new JsonObject { ["name"] = name, ["kind"] = "hpc-cache", ["region"] = "eastus", ["subscriptionId"] = fixture.KeyVault.SubscriptionId },
                    ["tenantId"] = tenant,
                    ["provisioningState"] = "Succeeded",
                    ["encryptionStatus"] = "Healthy",
                }.ToJsonString(),
            })));
        }

        return names;
    }
}
