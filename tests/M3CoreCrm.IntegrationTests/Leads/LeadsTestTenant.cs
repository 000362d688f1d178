using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>
/// A tenant provisioned through the platform API, with its owner logged in, and helpers to add users (through
/// Identity's provisioning contract), groups (SQL: no admin API yet) and leads.
/// </summary>
internal sealed class LeadsTestTenant : IDisposable
{
    internal const string Password = "Coral-Harbour-2026!";

    private readonly ApiFixture _fixture;
    private readonly List<HttpClient> _clients = [];

    private LeadsTestTenant(ApiFixture fixture, Guid tenantId, string slug, Guid ownerId, HttpClient owner)
    {
        _fixture = fixture;
        TenantId = tenantId;
        Slug = slug;
        OwnerId = ownerId;
        Owner = owner;
        _clients.Add(owner);
    }

    internal Guid TenantId { get; }

    internal string Slug { get; }

    internal Guid OwnerId { get; }

    /// <summary>The tenant's Owner (all permissions, all scope).</summary>
    internal HttpClient Owner { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ApiFixture, string), Lazy<Task<LeadsTestTenant>>> Shared = new();

    /// <summary>One tenant per (fixture, key), created on first use: for theories whose cases only read or add data.</summary>
    internal static Task<LeadsTestTenant> SharedAsync(ApiFixture fixture, string key) =>
        Shared.GetOrAdd((fixture, key), _ => new Lazy<Task<LeadsTestTenant>>(() => CreateAsync(fixture))).Value;

    internal static async Task<LeadsTestTenant> CreateAsync(ApiFixture fixture)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..12];
        var ownerEmail = $"owner@{slug}.test";
        using var platform = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tenants")
        {
            Content = JsonContent.Create(new { slug, name = $"Realty {slug}", ownerEmail, ownerPassword = Password, defaultCurrency = "AED" }),
        };
        request.Headers.Add("X-Platform-Key", fixture.PlatformApiKey);
        using var response = await platform.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Tenant provisioning failed: {response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var tenantId = json.RootElement.GetProperty("tenant").GetProperty("id").GetGuid();
        var ownerId = json.RootElement.GetProperty("ownerUserId").GetGuid();
        return new LeadsTestTenant(fixture, tenantId, slug, ownerId, await LoginAsync(fixture, slug, ownerEmail));
    }

    /// <summary>Adds a user with a system role (Agent, Manager, Viewer, ...) through the Identity admin API and logs them in.</summary>
    internal async Task<(Guid UserId, HttpClient Client)> AddUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}{Guid.NewGuid().ToString("N")[..8]}@{Slug}.test";
        using var created = await Owner.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"{role} Tester", password = Password, roleIds = new[] { await RoleIdAsync(role) } });
        var userId = (await LeadsHttp.ReadAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var client = await LoginAsync(_fixture, Slug, email);
        _clients.Add(client);
        return (userId, client);
    }

    /// <summary>A group with these members, through the Identity admin API.</summary>
    internal async Task<Guid> AddGroupAsync(params Guid[] members)
    {
        using var created = await Owner.PostAsJsonAsync("/api/v1/groups", new { name = "Team " + Guid.NewGuid().ToString("N")[^12..], memberIds = members });
        return (await LeadsHttp.ReadAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<Guid> RoleIdAsync(string role)
    {
        var roles = await LeadsHttp.ListAllAsync(Owner, $"/api/v1/roles?q={role}&isSystem=true");
        return roles.Single(r => r.GetProperty("name").GetString() == role).GetProperty("id").GetGuid();
    }

    /// <summary>The owner role's connection with this tenant set, as the migrations' role sees data under RLS.</summary>
    internal async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = await _fixture.OpenOwnerAsync();
        await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        set.Parameters.Add(new NpgsqlParameter { Value = TenantId.ToString() });
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    internal async Task<long> CountAsync(string sqlCondition = "true")
    {
        await using var connection = await OpenOwnerAsync();
        // The owner role reads every tenant's leads (the search function's SELECT policy): filter the tenant explicitly.
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM leads.leads WHERE tenant_id = '{TenantId}' AND ({sqlCondition})", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private static async Task<HttpClient> LoginAsync(ApiFixture fixture, string slug, string email)
    {
        var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = slug, email, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Login failed: {response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }
}

/// <summary>Requests and reads the tests repeat.</summary>
internal static class LeadsHttp
{
    internal static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static int _sequence;

    /// <summary>A unique, valid UAE mobile number (E.164).</summary>
    internal static string NewPhone() => $"+97150{Interlocked.Increment(ref _sequence) % 10_000_000:D7}";

    internal static string NewEmail(string name = "lead") => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@example.com";

    internal static object NewLead(string firstName = "Amira", string? lastName = "Haddad", string? email = null, string? phone = null,
        string source = "website", object? extra = null) =>
        Merge(new Dictionary<string, object?>
        {
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["email"] = email ?? NewEmail(firstName.ToLowerInvariant()),
            ["phone"] = phone ?? NewPhone(),
            ["source"] = source,
        }, extra);

    internal static Dictionary<string, object?> Merge(Dictionary<string, object?> values, object? extra)
    {
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra, Web).EnumerateObject())
            {
                values[property.Name] = property.Value;
            }
        }

        return values;
    }

    internal static async Task<JsonElement> CreateAsync(HttpClient client, object lead, string query = "")
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/leads{query}", lead);
        return await ReadAsync(response, HttpStatusCode.Created);
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Checks the status and the problem's machine code; returns the problem.</summary>
    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? code = null)
    {
        var problem = await ReadAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }

    internal static HttpRequestMessage Json(HttpMethod method, string url, object body, string? ifMatch = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body is string text ? text : JsonSerializer.Serialize(body, Web), Encoding.UTF8, mediaType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, object patch, string? ifMatch = null) =>
        SendAsync(client, Json(HttpMethod.Patch, $"/api/v1/leads/{id}", patch, ifMatch, "application/merge-patch+json"));

    internal static Task<HttpResponseMessage> StatusAsync(HttpClient client, Guid id, string status, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status, reason });

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    /// <summary>Every item of a list, following nextCursor.</summary>
    internal static async Task<List<JsonElement>> ListAllAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = query.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var url = cursor is null ? query : $"{query}{separator}cursor={Uri.EscapeDataString(cursor)}";
            using var response = await client.GetAsync(url);
            var page = await ReadAsync(response, HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    internal static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
