using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace M3CoreCrm.ClientTests.Browser;

/// <summary>
/// A person's first call: headless Chromium opens Swagger UI of the API on a real Kestrel port, authorizes with a
/// bearer token from login, runs GET /api/v1/me with "Try it out" → "Execute", and sees 200, with the host's
/// Content-Security-Policy refusing nothing on the way. The screenshot is kept.
/// </summary>
[Collection("api")]
public sealed class SwaggerUiSmokeTests(ApiFixture fixture)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Swagger_UI_authorizes_with_a_token_and_executes_a_call()
    {
        var tenant = await fixture.CreateAsync();
        var tokens = await fixture.LoginOwnerAsync(tenant);
        var factory = fixture.CreateFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"], // as root (CI) Chromium's sandbox cannot start
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        // The host's Content-Security-Policy must not block anything Swagger UI needs: Chromium reports each refusal.
        var refusals = new List<string>();
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
        var screenshot = TestArtifacts.PathFor("swagger-ui-get-me.png");
        try
        {
            await page.GotoAsync($"{baseUrl}/swagger/index.html");
            // Parsing the whole document takes seconds on a busy machine: more than the assertions' default 5 s.
            await Assertions.Expect(page.Locator(".swagger-ui .info .title"))
                .ToContainTextAsync("M3CoreCRM API", new LocatorAssertionsToContainTextOptions { Timeout = (float)StepTimeout.TotalMilliseconds });

            await AuthorizeAsync(page, tokens.AccessToken);

            var operation = page.Locator(".opblock-get").Filter(new LocatorFilterOptions { Has = page.Locator(".opblock-summary-path[data-path='/api/v1/me']") });
            await ScrollUntilRenderedAsync(page, operation);
            await operation.Locator(".opblock-summary").First.ClickAsync();
            await operation.Locator("button.try-out__btn").ClickAsync();
            await operation.Locator("button.execute").ClickAsync();

            var status = operation.Locator(".live-responses-table .response .response-col_status").First;
            await Assertions.Expect(status).ToHaveTextAsync("200");
            await Assertions.Expect(operation.Locator(".live-responses-table .microlight").First).ToContainTextAsync(tenant.OwnerEmail);
            await operation.Locator(".live-responses-table").First.ScrollIntoViewIfNeededAsync();
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        }

        Assert.True(new FileInfo(screenshot).Length > 0, "The screenshot was not written.");
        lock (refusals)
        {
            Assert.Empty(refusals);
        }
    }

    /// <summary>Swagger UI renders the operations of a large document as the page scrolls down to them.</summary>
    private static async Task ScrollUntilRenderedAsync(IPage page, ILocator target)
    {
        for (var step = 0; step < 200 && await target.CountAsync() == 0; step++)
        {
            await page.Mouse.WheelAsync(0, 1500);
            await page.WaitForTimeoutAsync(100);
        }

        await target.First.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>"Authorize" → the bearer scheme's value → its Authorize button → Close.</summary>
    private static async Task AuthorizeAsync(IPage page, string accessToken)
    {
        await page.Locator(".scheme-container button.authorize").ClickAsync();
        var modal = page.Locator(".dialog-ux .modal-ux");
        var bearer = modal.Locator(".auth-container").Filter(new LocatorFilterOptions { Has = page.Locator("input[aria-label='auth-bearer-value']") });
        await bearer.Locator("input[aria-label='auth-bearer-value']").FillAsync(accessToken);
        await bearer.Locator("button.authorize").ClickAsync();
        await Assertions.Expect(modal.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove authorization", Exact = true })).ToHaveCountAsync(1); // only the bearer scheme is authorized
        await modal.Locator("button.btn-done").First.ClickAsync();
    }
}
