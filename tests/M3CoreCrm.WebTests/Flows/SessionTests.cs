using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>Sessions: an expired access token is refreshed once for many concurrent calls; signing out everywhere ends other sessions.</summary>
[Collection("web")]
public sealed class SessionTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly TimeSpan ShortLifetime = TimeSpan.FromSeconds(8);

    [Fact]
    public Task After_the_access_token_expires_the_app_keeps_working_on_one_refresh_at_a_time() => StepsAsync(nameof(After_the_access_token_expires_the_app_keeps_working_on_one_refresh_at_a_time), async () =>
    {
        var shortLivedHost = Fixture.StartKestrelHost(("Jwt:AccessTokenLifetime", ShortLifetime.ToString("c")), ("Jwt:ClockSkew", "00:00:00"));
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync(shortLivedHost);

        var login = await app.Page.RunAndWaitForResponseAsync(
            () => app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/auth/login"));
        var tokens = await login.JsonAsync() ?? throw new Xunit.Sdk.XunitException("The login answered no JSON.");
        var expiresIn = TimeSpan.FromSeconds(tokens.GetProperty("expiresIn").GetInt32());
        Assert.True(expiresIn <= ShortLifetime,
            $"The host issued a {expiresIn} access token: it does not honour Jwt:AccessTokenLifetime={ShortLifetime:c}, so expiry cannot be tested.");
        await app.OpenAsync("Settings");
        await app.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Counted from here: the app's attempt to restore a session when it opened (no cookie yet) is not a renewal.
        var refreshes = new List<(DateTimeOffset Sent, IRequest Request)>();
        var finishedAt = new Dictionary<IRequest, DateTimeOffset>();
        app.Page.Request += (_, request) =>
        {
            if (CrmApp.IsApi(request.Url, "/api/v1/auth/refresh"))
            {
                lock (refreshes) { refreshes.Add((DateTimeOffset.UtcNow, request)); }
            }
        };
        app.Page.RequestFinished += (_, request) =>
        {
            lock (refreshes) { finishedAt[request] = DateTimeOffset.UtcNow; }
        };

        // The one fixed wait of the suite: time itself must pass for the first token to expire (no clock skew).
        await Task.Delay(expiresIn + TimeSpan.FromSeconds(1.5));

        // The dashboard's figures are several calls at once; they succeed only with a renewed token.
        await app.OpenAsync("Dashboard");
        await app.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(app.SignInButton).ToHaveCountAsync(0);

        List<(DateTimeOffset Sent, IRequest Request)> seen;
        lock (refreshes) { seen = [.. refreshes]; }
        Assert.NotEmpty(seen);
        foreach (var (_, request) in seen)
        {
            Assert.Equal(200, (await request.ResponseAsync())?.Status);
        }

        // One refresh at a time: a rotated refresh token presented twice would end the session.
        lock (refreshes)
        {
            foreach (var (earlier, later) in seen.Zip(seen.Skip(1)))
            {
                Assert.True(finishedAt.TryGetValue(earlier.Request, out var done) && later.Sent >= done,
                    $"a refresh was sent at {later.Sent:O} while the one sent at {earlier.Sent:O} was still running");
            }
        }

        Assert.Equal(seen.Count, seen.Select(r => r.Request).Distinct().Count());
    });

    [Fact]
    public Task Signing_out_everywhere_signs_out_the_other_browser_on_its_next_call() => StepsAsync(nameof(Signing_out_everywhere_signs_out_the_other_browser_on_its_next_call), async () =>
    {
        var tenant = await NewTenantAsync();
        var here = await OpenAppAsync();
        var elsewhere = await OpenAppAsync();
        await here.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await elsewhere.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await elsewhere.OpenAsync("Leads");

        var logout = await here.Page.RunAndWaitForResponseAsync(
            () => here.SignOutEverywhereAsync(),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/auth/logout-all"));
        Assert.True(logout.Ok, $"logout-all answered {logout.Status}");
        await Assertions.Expect(here.SignInButton).ToBeVisibleAsync();

        // Its next calls are refused: an instance may answer from its few-second cache of live sessions first, so the
        // other browser keeps moving between pages (each move calls the API) until it is sent to the sign-in page.
        await Poll.UntilAsync(
            async () =>
            {
                foreach (var item in new[] { "Dashboard", "Leads" })
                {
                    var link = elsewhere.NavLink(item);
                    if (await link.IsVisibleAsync())
                    {
                        try
                        {
                            // Forced: the shell may be re-rendering as the sign-out lands (an "unstable" element).
                            await link.ClickAsync(new() { Force = true, Timeout = 5000 });
                        }
                        catch (Exception e) when (e is PlaywrightException or TimeoutException)
                        {
                            continue; // the link went away under the click: the sign-out landed; the poll checks it
                        }

                        await elsewhere.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    }
                }

                return await elsewhere.SignInButton.IsVisibleAsync();
            },
            signedOut => signedOut,
            "the other browser to be signed out");
        await Assertions.Expect(elsewhere.NavLink("Leads")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Signing_out_returns_to_the_sign_in_page_and_a_reload_stays_there() => StepsAsync(nameof(Signing_out_returns_to_the_sign_in_page_and_a_reload_stays_there), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

        await app.SignOutAsync();
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await app.Page.ReloadAsync();
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await Assertions.Expect(app.NavLink("Leads")).ToHaveCountAsync(0);
    });
}
