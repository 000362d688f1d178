using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Foundation;

/// <summary>The Idempotency-Key mechanism of BuildingBlocks, exercised on a real create endpoint.</summary>
[Collection("api")]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_retry_replays_the_first_response_and_creates_nothing_new()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var body = new { firstName = "Idem", lastName = "Potent" };

        using var first = await PostAsync(client, "key-1", body);
        using var retry = await PostAsync(client, "key-1", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM contacts.contacts WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_writes_nothing()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        using var first = await PostAsync(client, "key-2", new { firstName = "First" });
        using var other = await PostAsync(client, "key-2", new { firstName = "Second" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        using var problem = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.Equal("idempotency.key_reused", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM contacts.contacts WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task A_retry_while_the_first_is_in_flight_is_409()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        // Hold the request's lock as if the first request were still running.
        await using var holder = await fixture.OpenSuperuserAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 0))", holder))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = $"{tenant.Id}|user:{tenant.OwnerId}|key-3" });
            await take.ExecuteNonQueryAsync();
        }

        using var busy = await PostAsync(client, "key-3", new { firstName = "Busy" });

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Contains("idempotency.in_flight", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM contacts.contacts WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task An_expired_key_runs_the_request_again_and_replaces_its_record()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var first = await PostAsync(client, "key-4", new { firstName = "Before" });
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "WITH expired AS (UPDATE shared.idempotency_records SET expires_at = now() - interval '1 minute' WHERE tenant_id = $1 RETURNING 1) SELECT count(*) FROM expired",
            tenant.Id));

        using var again = await PostAsync(client, "key-4", new { firstName = "After" });
        using var replay = await PostAsync(client, "key-4", new { firstName = "After" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(first.Headers.Location, again.Headers.Location);
        Assert.Equal(again.Headers.Location, replay.Headers.Location);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM contacts.contacts WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1 AND expires_at > now()", tenant.Id));
    }

    [Fact]
    public async Task Each_keyed_post_purges_two_of_its_tenants_expired_records_and_none_of_another_tenants()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var otherClient = await fixture.OwnerClientAsync(other);
        for (var i = 1; i <= 3; i++)
        {
            using var old = await PostAsync(client, $"old-{i}", new { firstName = $"Old{i}" });
            Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        }

        using (var otherOld = await PostAsync(otherClient, "old-1", new { firstName = "Elsewhere" }))
        {
            Assert.Equal(HttpStatusCode.Created, otherOld.StatusCode);
        }

        Assert.Equal(4L, await fixture.ScalarAsync<long>(
            "WITH expired AS (UPDATE shared.idempotency_records SET expires_at = now() - interval '1 minute' WHERE tenant_id IN ($1, $2) RETURNING 1) SELECT count(*) FROM expired",
            tenant.Id, other.Id));

        using var first = await PostAsync(client, "new-1", new { firstName = "New1" });
        Assert.Equal((1L, 1L), (await ExpiredAsync(tenant.Id), await FreshAsync(tenant.Id)));

        using var second = await PostAsync(client, "new-2", new { firstName = "New2" });
        Assert.Equal((0L, 2L), (await ExpiredAsync(tenant.Id), await FreshAsync(tenant.Id)));
        Assert.Equal(1L, await ExpiredAsync(other.Id));
    }

    [Fact]
    public async Task An_overlong_key_is_400()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        using var response = await PostAsync(client, new string('k', 256), new { firstName = "Long" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("idempotency.invalid_key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<long> ExpiredAsync(Guid tenantId) =>
        fixture.ScalarAsync<long>("SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1 AND expires_at <= now()", tenantId);

    private Task<long> FreshAsync(Guid tenantId) =>
        fixture.ScalarAsync<long>("SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1 AND expires_at > now()", tenantId);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
