using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.RateLimiting;

/// <summary>Hosts with rate-limit settings of their own, and readers of the RateLimit fields.</summary>
internal static class RateLimitTestHelpers
{
    internal static readonly Uri Me = new("/api/v1/me", UriKind.Relative);
    internal static readonly Uri Ready = new("/health/ready", UriKind.Relative);

    /// <summary>Another host on the fixture's (already migrated) database.</summary>
    internal static CrmApiFactory Host(this ApiFixture fixture, params (string Key, string? Value)[] settings) =>
        fixture.CreateFactory([("Database:MigrateOnStartup", "false"), .. settings]);

    /// <summary>
    /// A started host whose limits, permission epochs and session revocations live in the fixture's Redis, returned
    /// once /health/ready reports Redis healthy: the host connects in the background, and until then it counts and
    /// caches in process, which a test of shared state would misread.
    /// </summary>
    internal static async Task<CrmApiFactory> ConnectedRedisHostAsync(this ApiFixture fixture, RedisServer redis, params (string Key, string? Value)[] settings)
    {
        var factory = fixture.Host([("ConnectionStrings:Redis", redis.ConnectionString), .. settings]);
        using var client = factory.CreateClient();
        await WaitForCheckAsync(client, "redis", "Healthy", TimeSpan.FromSeconds(30));
        return factory;
    }

    internal static HttpClient BearerClient(this CrmApiFactory factory, string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Sends GET /api/v1/me <paramref name="count"/> times, alternating over the clients; the status codes in order.</summary>
    internal static async Task<List<(int Client, HttpStatusCode Status)>> GetMeAsync(int count, params HttpClient[] clients)
    {
        var statuses = new List<(int, HttpStatusCode)>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await clients[i % clients.Length].GetAsync(Me);
            statuses.Add((i % clients.Length, response.StatusCode));
        }

        return statuses;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>The overall status and the status of one check, from /health/ready's JSON.</summary>
    internal static async Task<(HttpStatusCode Code, string Status, string? Check)> ReadyAsync(HttpClient client, string check)
    {
        using var response = await client.GetAsync(Ready);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString()!,
            checks.TryGetProperty(check, out var value) ? value.GetString() : null);
    }

    /// <summary>Polls /health/ready until the check reports <paramref name="expected"/>; fails after the deadline.</summary>
    internal static async Task WaitForCheckAsync(HttpClient client, string check, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            (_, _, last) = await ReadyAsync(client, check);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"/health/ready kept reporting {check} as {last ?? "(absent)"} instead of {expected} for {timeout.TotalSeconds} s.");
    }
}
