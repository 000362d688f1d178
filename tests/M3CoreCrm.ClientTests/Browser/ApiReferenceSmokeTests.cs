using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace M3CoreCrm.ClientTests.Browser;

/// <summary>
/// Headless Chromium opens the reference (/reference, Scalar) on a real Kestrel port: it loads the document and shows
/// the API's title and an operation, the host's Content-Security-Policy refuses nothing, and the page asks nothing of
/// another origin (no CDN, no web fonts). The screenshot is kept.
/// </summary>
[Collection("api")]
public sealed class ApiReferenceSmokeTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_reference_renders_the_document_under_the_host_policy_without_leaving_the_host()
    {
        var factory = fixture.CreateFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var refusals = new List<string>();
        var elsewhere = new List<string>();
        var documentLoaded = false;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (refusals)
                {
                    refusals.Add(message.Text);
                }
            }
        };
        page.Request += (_, request) =>
        {
            lock (elsewhere)
            {
                if (!request.Url.StartsWith(baseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                {
                    elsewhere.Add(request.Url);
                }

                documentLoaded |= request.Url.EndsWith("/swagger/v1/swagger.json", StringComparison.Ordinal);
            }
        };
        var screenshot = TestArtifacts.PathFor("api-reference.png");
        try
        {
            await page.GotoAsync($"{baseUrl}/reference/");
            // Parsing the whole document takes seconds on a busy machine: more than the assertions' default 5 s.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "M3CoreCRM API" }).First)
                .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
            await Assertions.Expect(page.GetByText("List API keys", new PageGetByTextOptions { Exact = false }).First)
                .ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = 60_000 });
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        }

        lock (elsewhere)
        {
            Assert.True(documentLoaded, "The reference did not request /swagger/v1/swagger.json.");
            Assert.Empty(elsewhere);
        }

        lock (refusals)
        {
            Assert.Empty(refusals);
        }
    }
}
