using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Contacts;

/// <summary>A fresh tenant with its owner's client, for the contact tests.</summary>
internal sealed record ContactsTenant(TestTenant Tenant, HttpClient Owner) : IDisposable
{
    public void Dispose() => Owner.Dispose();
}

/// <summary>Helpers of the contact and company tests: tenants, users with roles, requests and JSON.</summary>
internal static class ContactsKit
{
    internal const string UserPassword = "Velvet-Harbour-Lantern-42";
    private static int _phoneCounter = Random.Shared.Next(0, 1_000_000);

    internal static async Task<ContactsTenant> NewTenantAsync(this ApiFixture fixture)
    {
        var tenant = await fixture.CreateAsync();
        return new ContactsTenant(tenant, await fixture.OwnerClientAsync(tenant));
    }

    /// <summary>Adds a user with a system role (through Identity's provisioning service) and logs it in.</summary>
    internal static async Task<(Guid UserId, HttpClient Client)> AddUserAsync(this ApiFixture fixture, TestTenant tenant, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@{tenant.Slug}.test";
        Guid userId;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            userId = await scope.ServiceProvider.GetRequiredService<ITenantOwnerProvisioning>()
                .AddUserAsync(email, UserPassword, $"{role} {tenant.Slug}", role, CancellationToken.None);
        }

        var tokens = await fixture.LoginAsync(tenant.Slug, email, UserPassword);
        return (userId, fixture.CreateClient(tokens.AccessToken));
    }

    /// <summary>A valid UAE mobile number in E.164, different on every call.</summary>
    internal static string NewMobile() =>
        "+97150" + (Interlocked.Increment(ref _phoneCounter) % 10_000_000).ToString("0000000", CultureInfo.InvariantCulture);

    internal static string NewEmail(string name = "person") => $"{name}.{Guid.NewGuid():N}@example.com";

    internal static async Task<JsonElement> CreateContactAsync(this HttpClient client, object body, string query = "")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/contacts" + query, body);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    internal static async Task<JsonElement> CreateCompanyAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/companies", body);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A minimal valid contact with a unique email and phone.</summary>
    internal static async Task<JsonElement> CreateSimpleContactAsync(this HttpClient client, string firstName, string? lastName = null, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["emails"] = new[] { new { address = NewEmail(firstName.ToLowerInvariant()) } },
            ["phones"] = new[] { new { number = NewMobile() } },
        };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return await client.CreateContactAsync(body);
    }

    internal static async Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string uri, string json, string? ifMatch = null, string mediaType = "application/merge-patch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, uri) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    internal static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string uri, string json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    internal static async Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string uri, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body (or default for none).</summary>
    internal static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem answer: status, problem+json, the machine code; returns the problem.</summary>
    internal static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var problem = await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }

    internal static async Task<JsonElement> GetJsonAsync(this HttpClient client, string uri, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
        return await ExpectAsync(response, status);
    }

    internal static async Task<(JsonElement Body, string ETag)> GetWithETagAsync(this HttpClient client, string uri)
    {
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
        var body = await ExpectAsync(response, HttpStatusCode.OK);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        return (body, etag.ToString());
    }

    /// <summary>Every page of a list (following nextCursor); fails on a loop.</summary>
    internal static async Task<List<JsonElement>> GetAllPagesAsync(this HttpClient client, string uri, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetJsonAsync($"{uri}{separator}limit={limit}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(pageItems.Count <= limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                return items;
            }

            Assert.NotEmpty(pageItems);
        }

        throw new InvalidOperationException("The list did not end.");
    }

    internal static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    internal static List<Guid> Ids(this IEnumerable<JsonElement> elements) => elements.Select(e => e.Id()).ToList();

    internal static List<Guid> ItemIds(this JsonElement page) => page.GetProperty("items").EnumerateArray().Ids();

    internal static string? Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    internal static AuthenticationHeaderValue? Auth(this HttpClient client) => client.DefaultRequestHeaders.Authorization;
}
