using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.RateLimiting.RateLimitTestHelpers;

namespace M3CoreCrm.IntegrationTests.RateLimiting;

/// <summary>In-process rate limiting (no Redis) through HTTP: headers, 429 problems, tenant fairness, auth limits.</summary>
[Collection("api")]
public sealed partial class RateLimitingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Successful_responses_carry_the_policy_and_the_remaining_quota_of_tenant_and_user()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 500);
        using var client = await fixture.OwnerClientAsync(tenant);

        using var response = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"tenant\";q=500;w=60, \"user\";q=300;w=60", Header(response, "RateLimit-Policy"));
        var limit = Header(response, "RateLimit");
        Assert.NotNull(limit);
        Assert.Matches(LimitPattern(), limit);
        Assert.StartsWith("\"tenant\";r=499;", limit, StringComparison.Ordinal);
        Assert.Contains("\"user\";r=299;", limit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_metrics_and_the_openapi_document_are_never_limited()
    {
        await using var factory = fixture.Host(("RateLimiting:Anonymous:RequestsPerMinute", "1"));
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/swagger/v1/swagger.json", "/swagger/index.html" })
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, $"{path} was limited");
                Assert.Null(Header(response, "RateLimit"));
                Assert.Null(Header(response, "RateLimit-Policy"));
            }
        }

        using var limited = await client.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));
        Assert.Equal("\"ip\";q=1;w=60", Header(limited, "RateLimit-Policy"));
    }

    [Fact]
    public async Task A_tenant_over_its_plan_limit_gets_429_problem_details_and_another_tenant_is_untouched()
    {
        var noisy = await fixture.CreateAsync(requestsPerMinute: 3);
        var quiet = await fixture.CreateAsync(requestsPerMinute: 3);
        using var noisyClient = await fixture.OwnerClientAsync(noisy);
        using var quietClient = await fixture.OwnerClientAsync(quiet);

        var noisyStatuses = await GetMeAsync(8, noisyClient);
        var quietStatuses = await GetMeAsync(3, quietClient);

        // 3 per minute refills one token every 20 s: a slow machine might see one more success, never 8.
        Assert.InRange(noisyStatuses.Count(s => s.Status == HttpStatusCode.OK), 3, 4);
        Assert.All(noisyStatuses.Take(3), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, noisyStatuses[3].Status);
        Assert.All(quietStatuses, s => Assert.Equal(HttpStatusCode.OK, s.Status));
    }

    [Fact]
    public async Task A_refusal_is_a_rate_limit_problem_with_retry_after_and_the_exhausted_policy_at_zero()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 1);
        using var client = await fixture.OwnerClientAsync(tenant);
        using (var first = await client.GetAsync(Me))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var refused = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("\"tenant\";q=1;w=60, \"user\";q=300;w=60", Header(refused, "RateLimit-Policy"));
        Assert.StartsWith("\"tenant\";r=0;t=", Header(refused, "RateLimit"), StringComparison.Ordinal);

        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(429, root.GetProperty("status").GetInt32());
        Assert.Equal("rate_limit.exceeded", root.GetProperty("code").GetString());
        Assert.Equal("urn:m3core:problem:rate_limit.exceeded", root.GetProperty("type").GetString());
        Assert.Equal("Too many requests", root.GetProperty("title").GetString());
        Assert.Equal("/api/v1/me", root.GetProperty("instance").GetString());
        Assert.Equal(["tenant"], root.GetProperty("violatedPolicies").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.TryGetProperty("traceId", out _));
        await AssertMetricAsync("m3core_rate_limit_rejected_total{", "policy=\"tenant\"");
    }

    /// <summary>The Prometheus scrape may be cached for a moment: polls a few times.</summary>
    private async Task AssertMetricAsync(string name, string label)
    {
        using var client = fixture.Factory.CreateMetricsClient();
        var text = string.Empty;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (text.Split('\n').Any(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"/metrics has no {name} line with {label}:\n{text}");
    }

    [Fact]
    public async Task Logins_are_limited_per_account_and_the_buffered_body_still_binds()
    {
        await using var factory = fixture.Host(("RateLimiting:Auth:PerAccount:RequestsPerMinute", "2"));
        var tenant = await fixture.CreateAsync();
        using var client = factory.CreateClient();

        using var success = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = "Wrong-Password-123" });
        using var sameAccount = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { tenant = tenant.Slug.ToUpperInvariant(), email = " " + tenant.OwnerEmail.ToUpperInvariant(), password = tenant.OwnerPassword });
        using var otherAccount = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = "someone@else.test", password = "Wrong-Password-123" });

        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameAccount.StatusCode);
        Assert.Contains("\"auth-account\";r=0;", Header(sameAccount, "RateLimit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Auth_routes_are_limited_per_ip_more_strictly_than_other_anonymous_routes()
    {
        await using var factory = fixture.Host(("RateLimiting:Auth:PerIp:RequestsPerMinute", "2"));
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token-" + i });
            statuses.Add(response.StatusCode);
            if (i == 2)
            {
                Assert.Equal("\"auth-ip\";q=2;w=60", Header(response, "RateLimit-Policy"));
            }
        }

        using var other = await client.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("\"ip\";q=1000000;w=60", Header(other, "RateLimit-Policy"));
    }

    [GeneratedRegex("^\"tenant\";r=\\d+;t=\\d+, \"user\";r=\\d+;t=\\d+$")]
    private static partial Regex LimitPattern();
}
