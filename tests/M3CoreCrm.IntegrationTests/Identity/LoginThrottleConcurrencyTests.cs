using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Failed logins are counted by one atomic upsert: concurrent failures are each counted.</summary>
[Collection("api")]
public sealed class LoginThrottleConcurrencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task Fifteen_parallel_wrong_passwords_are_all_counted_and_lock_the_account()
    {
        var tenant = await fixture.CreateAsync();
        // A frozen clock (the lock lasts) and a hashing gate wide enough that every attempt reaches the password check.
        var host = fixture.CreateFactory(services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
            services.AddSingleton(sp => new PasswordHashingGate(sp.GetRequiredService<Argon2PasswordHasher>(), 8, TimeSpan.FromMinutes(2)));
        });
        using var client = host.CreateClient();
        var wrong = new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = "Wrong-Password-123" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => client.PostAsJsonAsync("/api/v1/auth/login", wrong)));
        var unauthorized = responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        // Every refused password is one failure, as if they had come one after another.
        var counted = await fixture.ScalarAsync<int>("SELECT failures FROM identity.login_throttles WHERE tenant_id = $1", tenant.Id);
        Assert.Equal(unauthorized, counted);
        Assert.True(counted > 5, $"only {counted} failures were checked");
        Assert.Equal((long)unauthorized, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = 'login.failed'", tenant.Id));

        using var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }
}
