using System.Text;
using Azure.Core;
using CmkFunctions.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CmkFunctions.Portal.Tests;

/// <summary>What every page test does first: open the page on a host and sign in with an access token pasted into it.</summary>
public static class PortalSession
{
    public static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    /// <summary>Settings that make lifecycles take seconds: access re-checked every 2 s, 64 KiB chunks.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        ["Cmk__AuthorizationCheckInterval"] = "00:00:02",
        ["Cmk__ChunkSizeBytes"] = "65536",
    };

    public static async Task<IPage> OpenAsync(IBrowser browser, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1100 } });
        await page.GotoAsync(baseUri.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        return page;
    }

    public static async Task SignInAsync(IPage page, string token)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByLabel("Access token", Exact).FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
    }

    /// <summary>An access token for the API from the local identity endpoint, as <c>README.md</c> shows how to get one.</summary>
    public static async Task<string> TokenForAsync(string clientId) =>
        (await AzureCredentials.ForClientId(clientId).GetTokenAsync(new TokenRequestContext([ApiCallers.Audience + "/.default"]), CancellationToken.None)).Token;

    /// <summary>A well-formed token nobody signed: the page takes it, the API must not.</summary>
    public static string UnsignedToken(string tenantId)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"aud":"{{ApiCallers.Audience}}","tid":"{{tenantId}}","oid":"forged","roles":["Cmk.Contributor"],"exp":{{expires}}}""")}.c2ln";
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
