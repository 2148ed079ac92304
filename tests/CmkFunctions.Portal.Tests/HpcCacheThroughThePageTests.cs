using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CmkFunctions.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CmkFunctions.Portal.Tests.PortalSession;
using static Microsoft.Playwright.Assertions;

namespace CmkFunctions.Portal.Tests;

/// <summary>
/// A user in a real browser: signs in with an access token, creates an HPC Cache through the form, watches it wait for
/// the key, sees it succeed once access is granted, moves it to a new key version through the change-key form, finds it
/// in the list and deletes it.
/// </summary>
[Collection(IntegrationFixture.Collection)]
public sealed class HpcCacheThroughThePageTests(IntegrationFixture fixture, ITestOutputHelper output)
{
    private const string Vault = "cmkdemo";
    private static readonly LocatorAssertionsToHaveTextOptions StateChange = new() { Timeout = 60_000 };

    [Fact]
    public async Task AnOperatorCreatesAuthorizesAndRekeysAnHpcCacheThroughThePage()
    {
        await using var host = await HostProcess.StartAsync(fixture, Unique("portal"), FastSettings);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var name = Unique("cache");
        var keyName = Unique("key");
        var key = await fixture.Admin.CreateKeyAsync(Vault, keyName);

        var page = await OpenAsync(browser, host.BaseUri);
        await SignInAsync(page, await TokenForAsync(fixture.ApiOperator.ClientId));
        await Expect(page.Locator("#claim-oid")).ToHaveTextAsync(fixture.ApiOperator.PrincipalId);
        await Expect(page.Locator("#claim-roles")).ToContainTextAsync("Cmk.Contributor");

        await CreateHpcCacheAsync(page, name, key.ToString());
        await Expect(page.Locator("#provisioning-state")).ToHaveTextAsync("WaitingForKey", StateChange);
        await Expect(page.Locator("#deadline-countdown")).ToHaveTextAsync(new Regex(@"^1h \d\dm \d\ds$"));
        await Expect(page.Locator("#authorization-deadline")).Not.ToHaveTextAsync("—");
        await Expect(page.Locator("#waiting-reason")).ToHaveTextAsync(new Regex(@"^(?!—).+"), StateChange);
        await Expect(page.Locator("#identity-type")).ToHaveTextAsync("System-assigned");
        await ScreenshotAsync(page, "portal-waiting-for-key.png");

        await fixture.Admin.AddAccessPolicyAsync(Vault, await PrincipalIdAsync(host, name), LocalKeyVaultAdmin.KeyEncryptionPermissions);
        await Expect(page.Locator("#provisioning-state")).ToHaveTextAsync("Succeeded", StateChange);
        await Expect(page.Locator("#active-key-version")).ToHaveTextAsync(key.Version!);

        var rotated = await fixture.Admin.RotateKeyAsync(Vault, keyName);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change key" }).ClickAsync();
        await page.GetByLabel("Key version", Exact).FillAsync(rotated.Version!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#active-key-version")).ToHaveTextAsync(rotated.Version!, StateChange);
        await Expect(page.Locator("#provisioning-state")).ToHaveTextAsync("Succeeded", StateChange);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Key wraps" })).ToContainTextAsync(rotated.Version!);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Resources" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Succeeded");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.Locator("#active-key-version")).ToHaveTextAsync(rotated.Version!);

        var screenshot = await ScreenshotAsync(page, "portal-resource-view.png");
        Assert.True(new FileInfo(screenshot).Length > 0, $"The screenshot {screenshot} is empty.");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }

    private async Task CreateHpcCacheAsync(IPage page, string name, string keyUri)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Create" }).ClickAsync();
        await page.GetByLabel("Name", Exact).FillAsync(name);
        await page.GetByLabel("Kind", Exact).SelectOptionAsync("hpc-cache");
        await page.GetByLabel("Subscription id", Exact).FillAsync(fixture.KeyVault.SubscriptionId);
        await page.GetByLabel("Key URI", Exact).FillAsync(keyUri);
        await page.GetByLabel("Key vault resource id", Exact).FillAsync(fixture.KeyVault.VaultResourceId(Vault));
        await page.GetByLabel("Identity", Exact).SelectOptionAsync("system");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
    }

    private static async Task<string> PrincipalIdAsync(HostProcess host, string name)
    {
        var resource = await host.Http.GetFromJsonAsync<JsonObject>(new Uri($"/api/resources/{name}", UriKind.Relative));
        return resource!["identity"]!["principalId"]!.GetValue<string>();
    }

    /// <summary>The page as it is, saved under this test project's TestResults folder (its path is in the test output).</summary>
    private async Task<string> ScreenshotAsync(IPage page, string file)
    {
        var path = Path.Combine(RepositoryLayout.Root, "tests", "CmkFunctions.Portal.Tests", "TestResults", file);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        return path;
    }
}
