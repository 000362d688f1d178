using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.ClientTests.Browser;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Browser;

/// <summary>
/// One throwaway PostgreSQL, the real host serving the built web app on a real Kestrel port (a browser needs a
/// socket), the demo tenant, and one headless Chromium; each test opens its own browser context (own storage).
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The demo command's tenant and owner (M3CoreCrm.Modules.Tenancy.Commands.DemoCommand).</summary>
    internal const string DemoWorkspace = "demo";
    internal const string DemoOwnerEmail = "owner@demo.m3core.test";
    internal const string DemoOwnerPassword = "Sunny-Marina-2026!";

    /// <summary>Long enough for a 2-core machine shared with builds; conditions are awaited, never slept on.</summary>
    internal static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly Lazy<string> _webRootPath = new(WebRoot.Find);
    private readonly Lazy<Task<IBrowser>> _browser;
    private IPlaywright? _playwright;
    private string? _baseUrl;

    public WebAppFixture() => _browser = new(LaunchBrowserAsync);

    internal ApiFixture Api { get; } = new();

    /// <summary>The built web app; found on first use, so the hosting tests (own web roots) run without one.</summary>
    internal string WebRootPath => _webRootPath.Value;

    /// <summary>The host everything but the expiry test uses (the default access-token lifetime), started on first use.</summary>
    internal string BaseUrl => _baseUrl ??= StartKestrelHost();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)StepTimeout.TotalMilliseconds);
        await Api.InitializeAsync();
        await SeedDemoTenantAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser.IsValueCreated)
        {
            await (await _browser.Value).DisposeAsync();
        }

        _playwright?.Dispose();
        await Api.DisposeAsync();
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"], // as root (CI) Chromium's sandbox cannot start
        });
    }

    /// <summary>
    /// Another real host on the same database serving the web app (e.g. with a short access-token lifetime); its base
    /// URL is a different origin, so the browser keeps its storage apart. Stopped with the fixture.
    /// </summary>
    internal string StartKestrelHost(params (string Key, string? Value)[] overrides)
    {
        var factory = Api.CreateFactory([("webroot", WebRootPath), ("RateLimiting:Enabled", "false"), .. overrides]);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>A fresh context (own cookies and storage) and page on the given host, timeouts sized for a loaded machine.</summary>
    /// <remarks>
    /// The app follows the browser's language and colour scheme until a person chooses; <paramref name="bypassCsp"/>
    /// lets a test inject a script (axe-core) past the host's Content-Security-Policy.
    /// </remarks>
    internal async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(
        string? baseUrl = null, string locale = "en-US", ColorScheme colorScheme = ColorScheme.Light, bool bypassCsp = false)
    {
        var browser = await _browser.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = locale,
            ColorScheme = colorScheme,
            BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return (context, page);
    }

    /// <summary>The host's own demo command (the one ./run.sh runs): the demo tenant with every module's sample data.</summary>
    private async Task SeedDemoTenantAsync()
    {
        var demo = Api.Factory.Services.GetServices<IHostCommand>().Single(c => c.Name == "demo");
        await using var scope = Api.Factory.Services.CreateAsyncScope();
        var exitCode = await demo.RunAsync([], scope.ServiceProvider, CancellationToken.None);
        Assert.Equal(0, exitCode);
    }
}

/// <summary>Browser tests share one host and browser, and run one after another (the machine has two cores).</summary>
[CollectionDefinition("web")]
public sealed class WebCollectionDefinition : ICollectionFixture<WebAppFixture>;
