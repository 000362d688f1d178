using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>A user of a test tenant with a system role, and a client logged in as that user.</summary>
internal sealed record TestUser(Guid Id, string Email, string Role);

/// <summary>A manager and an agent in one group ("Marina team"), and an agent outside it.</summary>
internal sealed record GroupTeam(TestUser Manager, TestUser Member, TestUser Outsider);

/// <summary>HTTP and setup helpers of the deals tests: users with roles, groups, pipelines and deals.</summary>
internal static class DealsTestKit
{
    internal const string UserPassword = "Quiet-Harbor-Lantern-7";

    /// <summary>A user with a system role (Agent, Manager, Viewer, Admin), added by the owner through POST /api/v1/users.</summary>
    internal static async Task<TestUser> AddUserAsync(this ApiFixture fixture, TestTenant tenant, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + $"@{tenant.Slug}.test";
        using var owner = await fixture.OwnerClientAsync(tenant);
        var roles = await owner.SystemRoleIdsAsync();
        var id = await owner.CreateUserAsync(email, UserPassword, roles[role]);
        return new TestUser(id, email, role);
    }

    /// <summary>A client of the main host logged in as <paramref name="user"/>.</summary>
    internal static async Task<HttpClient> ClientAsync(this ApiFixture fixture, TestTenant tenant, TestUser user) =>
        fixture.CreateClient((await fixture.LoginAsync(tenant.Slug, user.Email, UserPassword)).AccessToken);

    /// <summary>The users the group-scope tests need: a manager and an agent sharing a group, and an agent outside it.</summary>
    internal static async Task<GroupTeam> AddTeamAsync(this ApiFixture fixture, TestTenant tenant)
    {
        var manager = await fixture.AddUserAsync(tenant, "Manager");
        var member = await fixture.AddUserAsync(tenant, "Agent");
        var outsider = await fixture.AddUserAsync(tenant, "Agent");
        await fixture.CreateGroupAsync(tenant, "Marina team", manager.Id, member.Id);
        return new GroupTeam(manager, member, outsider);
    }

    /// <summary>A group of the tenant with these members, made by the owner through POST /api/v1/groups.</summary>
    internal static async Task<Guid> CreateGroupAsync(this ApiFixture fixture, TestTenant tenant, string name, params Guid[] members)
    {
        using var owner = await fixture.OwnerClientAsync(tenant);
        return (await owner.PostAsync("/api/v1/groups", new { name, memberIds = members })).Created().Id();
    }

    internal static HttpClient WithToken(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Sends a request with an optional JSON body (merge patch for PATCH) and If-Match.</summary>
    internal static async Task<Reply> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(json, Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var document = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Reply(response.StatusCode, document, response.Headers.ETag?.ToString(), response.Headers.Location?.ToString(), text);
    }

    internal static Task<Reply> FetchAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    internal static Task<Reply> PostAsync(this HttpClient client, string url, object? body = null, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Post, url, body ?? new { }, ifMatch);

    internal static Task<Reply> PatchAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Patch, url, body, ifMatch);

    internal static Task<Reply> DropAsync(this HttpClient client, string url, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Delete, url, null, ifMatch);

    /// <summary>The tenant's default pipeline ("Real-estate sales").</summary>
    internal static async Task<JsonElement> DefaultPipelineAsync(this HttpClient client)
    {
        var list = (await client.FetchAsync("/api/v1/pipelines")).Ok();
        return list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
    }

    internal static Guid StageId(this JsonElement pipeline, string name) =>
        pipeline.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    internal static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    internal static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>Creates a deal; fails the test unless 201.</summary>
    internal static async Task<JsonElement> CreateDealAsync(this HttpClient client, object body) =>
        (await client.PostAsync("/api/v1/deals", body)).Created();

    /// <summary>A second pipeline with two open stages ("Lead in", "Viewing"), created by an admin client.</summary>
    internal static async Task<JsonElement> CreatePipelineAsync(this HttpClient admin, string name, Guid[]? groupIds = null) =>
        (await admin.PostAsync("/api/v1/pipelines", new
        {
            name,
            stages = new object[]
            {
                new { name = "Lead in", probability = 25, rottingDays = 5 },
                new { name = "Viewing", probability = 50, rottingDays = (int?)null },
            },
            groupIds = groupIds ?? [],
        })).Created();

    internal static async Task<List<JsonElement>> ItemsAsync(this HttpClient client, string url) =>
        (await client.FetchAsync(url)).Ok().GetProperty("items").EnumerateArray().ToList();

    /// <summary>Every item of a paged list, following nextCursor.</summary>
    internal static async Task<List<JsonElement>> AllPagesAsync(this HttpClient client, string url)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = (await client.FetchAsync(cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}")).Ok();
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}

/// <summary>A response: status, parsed JSON body, ETag and Location.</summary>
internal sealed record Reply(HttpStatusCode Status, JsonElement Body, string? ETag, string? Location, string Text)
{
    internal JsonElement Ok() => Expect(HttpStatusCode.OK);

    internal JsonElement Created() => Expect(HttpStatusCode.Created);

    internal JsonElement Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        return Body;
    }

    /// <summary>Asserts a problem with this status (and code, when given).</summary>
    internal void Problem(HttpStatusCode status, string? code = null)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        if (code is not null)
        {
            Assert.Equal(code, Body.GetProperty("code").GetString());
        }
    }

    /// <summary>Asserts a 400 naming <paramref name="field"/> among its errors.</summary>
    internal void FieldError(string field)
    {
        Assert.True(Status == HttpStatusCode.BadRequest, $"Expected 400, got {(int)Status}: {Text}");
        Assert.True(Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"No error for '{field}': {Text}");
    }
}
