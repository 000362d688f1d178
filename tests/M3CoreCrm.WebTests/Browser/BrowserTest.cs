using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Browser;

/// <summary>
/// A browser test: every page it opens gets a fresh context (own storage), closed at the end; a failing test leaves a
/// screenshot of each open page in TestResults/screenshots/web/failures/.
/// </summary>
public abstract class BrowserTest(WebAppFixture fixture) : IAsyncLifetime
{
    private readonly List<(IBrowserContext Context, IPage Page)> _pages = [];

    private protected WebAppFixture Fixture => fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (context, _) in _pages)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A new browser context on the main host (or another host's base URL).</summary>
    private protected async Task<CrmApp> OpenAppAsync(
        string? baseUrl = null, string locale = "en-US", ColorScheme colorScheme = ColorScheme.Light, bool bypassCsp = false)
    {
        var opened = await fixture.NewPageAsync(baseUrl, locale, colorScheme, bypassCsp);
        _pages.Add(opened);
        return new CrmApp(opened.Page);
    }

    /// <summary>Runs the steps; on failure, keeps a screenshot of every open page before the failure surfaces.</summary>
    private protected async Task StepsAsync(string testName, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var path = WebRoot.ScreenshotPath(Path.Combine("failures", $"{testName}-{i}.png"));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    await _pages[i].Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                }
                catch (PlaywrightException)
                {
                    // the page is gone: the original failure is what matters
                }
            }

            throw;
        }
    }

    /// <summary>A fresh tenant (its own owner and no data), so a test's changes never meet another test's.</summary>
    private protected Task<TestTenant> NewTenantAsync() => fixture.Api.CreateAsync();

    /// <summary>A lead created through the API as the tenant's owner; returns its id.</summary>
    private protected async Task<Guid> CreateLeadThroughApiAsync(TestTenant tenant, string firstName, string lastName, string email)
    {
        using var client = await fixture.Api.OwnerClientAsync(tenant);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = JsonContent.Create(new { firstName, lastName, email }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Creating a lead failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A lead as the API has it now (superuser view through the owner's token).</summary>
    private protected async Task<JsonElement> GetLeadThroughApiAsync(TestTenant tenant, Guid leadId)
    {
        using var client = await fixture.Api.OwnerClientAsync(tenant);
        return (await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}")).Clone();
    }
}
