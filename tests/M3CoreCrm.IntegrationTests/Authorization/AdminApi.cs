using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>An answer of the API: status, body as JSON (when there is one), and the ETag.</summary>
internal sealed class ApiAnswer(HttpStatusCode status, string body, string? etag)
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;

    public string? ETag { get; } = etag;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public Guid Id => Json.GetProperty("id").GetGuid();

    /// <summary>The problem's machine code.</summary>
    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>Fails with the body when the status is not the expected one.</summary>
    public ApiAnswer Expect(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"Expected {(int)expected}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Expects a problem with this status and code.</summary>
    public ApiAnswer ExpectProblem(HttpStatusCode expected, string code)
    {
        Expect(expected);
        Assert.Equal(code, Code);
        return this;
    }
}

/// <summary>JSON requests to the admin endpoints.</summary>
internal static class AdminApi
{
    internal static Task<ApiAnswer> GetJsonAsync(this HttpClient client, string path) => client.SendJsonAsync(HttpMethod.Get, path);

    internal static Task<ApiAnswer> PostJsonAsync(this HttpClient client, string path, object? body = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body);

    internal static Task<ApiAnswer> PutJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch);

    internal static Task<ApiAnswer> PatchJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, path, body, ifMatch, "application/merge-patch+json");

    internal static Task<ApiAnswer> DeleteJsonAsync(this HttpClient client, string path, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Delete, path, null, ifMatch);

    /// <summary>Sends <paramref name="body"/> (an object, or a string of raw JSON) and reads the answer.</summary>
    internal static async Task<ApiAnswer> SendJsonAsync(
        this HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString());
    }

    /// <summary>A client of the main host that sends an API key in X-Api-Key (or as a bearer token).</summary>
    internal static HttpClient CreateApiKeyClient(this ApiFixture fixture, string secret, bool asBearer = false)
    {
        var client = fixture.CreateClient();
        if (asBearer)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        else
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        }

        return client;
    }

    /// <summary>The ids of the tenant's system roles, by name.</summary>
    internal static async Task<Dictionary<string, Guid>> SystemRoleIdsAsync(this HttpClient client)
    {
        var list = (await client.GetJsonAsync("/api/v1/roles?isSystem=true")).Expect(HttpStatusCode.OK).Json;
        return list.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetGuid());
    }

    /// <summary>Creates a user through the API (as the caller), failing the test unless it works; returns its id.</summary>
    internal static async Task<Guid> CreateUserAsync(this HttpClient client, string email, string password, params Guid[] roleIds) =>
        (await client.PostJsonAsync("/api/v1/users", new { email, displayName = email.Split('@')[0], password, roleIds }))
            .Expect(HttpStatusCode.Created).Id;

    /// <summary>Creates an API key acting with the role; returns its id and its secret.</summary>
    internal static async Task<(Guid Id, string Secret)> CreateApiKeyAsync(this HttpClient client, Guid roleId, DateTimeOffset? expiresAt = null)
    {
        var created = (await client.PostJsonAsync("/api/v1/api-keys", new { name = "Key " + Guid.NewGuid().ToString("N")[..6], roleId, expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30) }))
            .Expect(HttpStatusCode.Created).Json;
        return (created.GetProperty("apiKey").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    /// <summary>The audit rows of an entity, oldest first, as the owner reads them.</summary>
    internal static async Task<List<JsonElement>> AuditOfAsync(this HttpClient client, string entityType, Guid entityId)
    {
        var page = (await client.GetJsonAsync($"/api/v1/audit?entityType={entityType}&entityId={entityId}&sort=occurredAt&limit=200")).Expect(HttpStatusCode.OK).Json;
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}

/// <summary>A user of a test team, logged in.</summary>
internal sealed record TeamMember(string Role, Guid Id, string Email, string Password, TestTokens Tokens);

/// <summary>A fresh tenant with one logged-in user per system role (the owner included) and the system role ids.</summary>
internal sealed record TestTeam(TestTenant Tenant, IReadOnlyDictionary<string, Guid> RoleIds, IReadOnlyDictionary<string, TeamMember> Members)
{
    internal const string Password = "Quiet-Harbour-Lights-7";

    internal static readonly string[] RoleNames = ["Owner", "Admin", "Manager", "Agent", "Viewer"];

    internal TeamMember Owner => Members["Owner"];
}

internal static class TestTeams
{
    /// <summary>Provisions a tenant and adds an Admin, a Manager, an Agent and a Viewer through POST /api/v1/users.</summary>
    internal static async Task<TestTeam> CreateTeamAsync(this ApiFixture fixture)
    {
        var tenant = await fixture.CreateAsync();
        var ownerTokens = await fixture.LoginOwnerAsync(tenant);
        using var owner = fixture.CreateClient(ownerTokens.AccessToken);
        var roles = await owner.SystemRoleIdsAsync();
        var members = new Dictionary<string, TeamMember>
        {
            ["Owner"] = new("Owner", tenant.OwnerId, tenant.OwnerEmail, tenant.OwnerPassword, ownerTokens),
        };
        foreach (var role in TestTeam.RoleNames.Skip(1))
        {
            var email = $"{role.ToLowerInvariant()}@{tenant.Slug}.test";
            var id = await owner.CreateUserAsync(email, TestTeam.Password, roles[role]);
            members[role] = new TeamMember(role, id, email, TestTeam.Password, await fixture.LoginAsync(tenant.Slug, email, TestTeam.Password));
        }

        return new TestTeam(tenant, roles, members);
    }

    internal static HttpClient ClientOf(this ApiFixture fixture, TeamMember member) => fixture.CreateClient(member.Tokens.AccessToken);
}
