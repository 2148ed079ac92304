using Microsoft.Playwright;

namespace CmkFunctions.Portal.Tests;

/// <summary>
/// The system's Chromium (<c>./dev.sh setup</c> installs Debian's), driven by Playwright headless; Playwright never
/// downloads a browser of its own.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <exception cref="FileNotFoundException">Chromium is not installed (<c>./dev.sh setup</c> installs it).</exception>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"Chromium is missing at {ExecutablePath}; run ./dev.sh setup (apt-get install -y chromium).", ExecutablePath);
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
