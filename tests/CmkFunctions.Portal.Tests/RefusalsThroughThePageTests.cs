using CmkFunctions.Testing;
using Microsoft.Playwright;
using static CmkFunctions.Portal.Tests.PortalSession;
using static Microsoft.Playwright.Assertions;

namespace CmkFunctions.Portal.Tests;

/// <summary>What the page shows when the API says no: the rules a request breaks (400), a missing role (403), a token it refuses (401).</summary>
[Collection(IntegrationFixture.Collection)]
public sealed class RefusalsThroughThePageTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task ARefusedCreateShowsEachViolationBesideItsField()
    {
        await using var host = await HostProcess.StartAsync(fixture, Unique("refusals"), FastSettings);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, host.BaseUri);
        await SignInAsync(page, await TokenForAsync(fixture.ApiOperator.ClientId));

        await FillHpcCacheAsync(page, keyUri: "not a key uri");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Locator(".violations li").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Key URI", Exact)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#key-uri + .field-error")).ToContainTextAsync("'not a key uri' is not a Key Vault key identifier");
    }

    [Fact]
    public async Task ACallerWithoutTheRoleSeesWhichRoleItLacks()
    {
        await using var host = await HostProcess.StartAsync(fixture, Unique("refusals"), FastSettings);
        var auditor = await fixture.Admin.CreateUserAssignedIdentityAsync(Unique("auditor"), appRoles: [ApiCallers.Reader]);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, host.BaseUri);
        await SignInAsync(page, await TokenForAsync(auditor.ClientId));

        await FillHpcCacheAsync(page, keyUri: $"{fixture.KeyVault.VaultUri("cmkdemo")}keys/any");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ApiCallers.Contributor);
    }

    [Fact]
    public async Task ATokenTheApiRefusesSendsTheUserBackToSignInWithTheReason()
    {
        await using var host = await HostProcess.StartAsync(fixture, Unique("refusals"), FastSettings);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, host.BaseUri);

        await page.GetByLabel("Access token", Exact).FillAsync(UnsignedToken(fixture.KeyVault.TenantId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The bearer token was refused");
        await Expect(page.GetByLabel("Access token", Exact)).ToBeEmptyAsync();
    }

    private async Task FillHpcCacheAsync(IPage page, string keyUri)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Create" }).ClickAsync();
        await page.GetByLabel("Name", Exact).FillAsync(Unique("refused"));
        await page.GetByLabel("Subscription id", Exact).FillAsync(fixture.KeyVault.SubscriptionId);
        await page.GetByLabel("Key URI", Exact).FillAsync(keyUri);
        await page.GetByLabel("Key vault resource id", Exact).FillAsync(fixture.KeyVault.VaultResourceId("cmkdemo"));
    }
}
