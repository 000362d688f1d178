using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Login answers cannot tell an unknown tenant from a known tenant with an unknown email.</summary>
[Collection("api")]
public sealed class TenantEnumerationTests(ApiFixture fixture)
{
    [Fact]
    public async Task Unknown_tenant_and_unknown_email_answer_and_throttle_alike()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow))).CreateClient();

        var known = await AttemptsAsync(client, new { tenant = tenant.Slug, email = "ghost@example.test", password = "Wrong-Password-123" });
        var unknown = await AttemptsAsync(client, new { tenant = "no-such-" + Guid.NewGuid().ToString("N")[..8], email = "ghost@example.test", password = "Wrong-Password-123" });

        Assert.Equal(known, unknown);
        Assert.StartsWith("429 auth.too_many_attempts retry-after=1 |", known[^1], StringComparison.Ordinal);
    }

    /// <summary>Seven failed logins: status, problem code, Retry-After, the problem's fields and its detail, one line each.</summary>
    private static async Task<List<string>> AttemptsAsync(HttpClient client, object body)
    {
        var answers = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/login", body);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var fields = string.Join(",", problem.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n is not "traceId" and not "correlationId").Order());
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? $" retry-after={delta.TotalSeconds:0}" : "";
            answers.Add($"{(int)response.StatusCode} {problem.RootElement.GetProperty("code").GetString()}{retryAfter} | {fields} | {problem.RootElement.GetProperty("detail").GetString()}");
        }

        return answers;
    }
}
