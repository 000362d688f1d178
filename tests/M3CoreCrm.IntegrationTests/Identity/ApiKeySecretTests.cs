using System.Net;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>An API key's secret is shown once: it never rests in the idempotency table and is never replayed.</summary>
[Collection("api")]
public sealed class ApiKeySecretTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_key_created_with_an_idempotency_key_is_not_stored_with_its_secret_and_a_replay_is_409()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var roleId = (await owner.SystemRoleIdsAsync())["Viewer"];
        var body = JsonSerializer.Serialize(new { name = "Idempotent key", roleId, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        var idempotencyKey = Guid.NewGuid().ToString();

        var (firstStatus, firstBody, _) = await PostAsync(owner, body, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, firstStatus);
        var created = JsonDocument.Parse(firstBody).RootElement;
        var secret = created.GetProperty("secret").GetString()!;
        var keyId = created.GetProperty("apiKey").GetProperty("id").GetGuid();

        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1 AND key = $2", tenant.Id, idempotencyKey));
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM shared.idempotency_records WHERE tenant_id = $1 AND position(convert_to($2, 'UTF8') in body) > 0", tenant.Id, secret));

        var (replayStatus, replayBody, _) = await PostAsync(owner, body, idempotencyKey);
        Assert.Equal(HttpStatusCode.Conflict, replayStatus);
        var problem = JsonDocument.Parse(replayBody).RootElement;
        Assert.Equal("idempotency.secret_shown_once", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(secret, replayBody, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/api-keys/{keyId}", problem.GetProperty("location").GetString());

        // The request ran once: one key, and it works.
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.api_keys WHERE tenant_id = $1 AND name = 'Idempotent key'", tenant.Id));
        using var keyClient = fixture.CreateApiKeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/leads")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(HttpClient client, string json, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }
}
