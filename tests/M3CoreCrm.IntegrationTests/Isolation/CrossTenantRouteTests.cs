using System.Net;
using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Isolation;

/// <summary>
/// Every route of the OpenAPI document with an id in its path, tried with another tenant's token on a real id of the
/// first tenant: never found, never changed. Run three times: normally, with the EF tenant filters switched off (row-
/// level security alone), and connected as a superuser that bypasses RLS (the EF filters alone). New modules are
/// covered without new code: tenant A is filled by every module's demo seeder.
/// </summary>
[Collection("api")]
public sealed class CrossTenantRouteTests(ApiFixture fixture)
{
    public static TheoryData<string> Layers => ["both", "rls-only", "filters-only"];

    [Theory]
    [MemberData(nameof(Layers))]
    public async Task Another_tenants_records_are_not_found_by_any_route(string layer)
    {
        var host = layer switch
        {
            "rls-only" => fixture.CreateFactory(
                services => services.AddSingleton(new TenantFilterOptions(disableTenantFilters: true)), ("Database:MigrateOnStartup", "false")),
            "filters-only" => fixture.CreateFactory(("ConnectionStrings:Crm", fixture.Database.SuperuserConnectionString), ("Database:MigrateOnStartup", "false")),
            _ => fixture.Factory,
        };
        var (victim, victimTokens) = await SeededTenantAsync();
        var intruder = await fixture.CreateAsync();
        var intruderTokens = await fixture.LoginOwnerAsync(intruder);
        using var victimClient = Authorized(host.CreateClient(), victimTokens.AccessToken);
        using var intruderClient = Authorized(host.CreateClient(), intruderTokens.AccessToken);

        var operations = await OperationsAsync(victimClient);
        var ids = await HarvestIdsAsync(victimClient, operations);
        var recordCollections = operations.Where(o => o.Method == "GET" && IsRecordRoute(operations, o.Path)).Select(o => o.Path).ToList();
        Assert.Equal(recordCollections.Order(), ids.Keys.Order()); // every module's seeder gave tenant A records to steal

        foreach (var (collection, id) in ids)
        {
            var listed = await intruderClient.GetStringAsync(collection);
            Assert.DoesNotContain(id.ToString(), listed, StringComparison.OrdinalIgnoreCase);
        }

        var tried = 0;
        var typedFound = 0;
        foreach (var (method, path, url) in operations.Where(o => o.Path.Contains('{', StringComparison.Ordinal))
                     .SelectMany(o => Concrete(o.Path, ids).Select(url => (o.Method, o.Path, url))))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json");
            }

            using var response = await intruderClient.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(
                response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.MethodNotAllowed,
                $"[{layer}] {method} {url} as another tenant gave {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain(victim.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            tried++;
            if (method == "GET" && path.Contains("}/{id}", StringComparison.Ordinal))
            {
                // A typed route found nothing for the intruder; the victim must find its own record there (or be told the type is no record type).
                using var own = await victimClient.GetAsync(url);
                Assert.True(own.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"[{layer}] {url} as its tenant gave {(int)own.StatusCode}");
                typedFound += own.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
        }

        // Nothing the intruder sent removed or hid the victim's records.
        foreach (var (collection, id) in ids)
        {
            using var read = await victimClient.GetAsync($"{collection}/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"[{layer}] {collection}/{id} of the victim: {(int)read.StatusCode}");
        }

        Assert.Equal(ids.Count == 0, tried == 0);
        Assert.Equal(operations.Any(o => o.Method == "GET" && o.Path.Contains("}/{id}", StringComparison.Ordinal)), typedFound > 0);
    }

    /// <summary>A tenant filled by every module's demo seeder, and its owner's tokens.</summary>
    private async Task<(TestTenant Tenant, TestTokens Tokens)> SeededTenantAsync()
    {
        var tenant = await fixture.CreateAsync();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            await TenantProvisioner.SeedDemoAsync(
                scope.ServiceProvider.GetServices<IDemoDataSeeder>(),
                new DemoSeedContext(tenant.Id, tenant.OwnerId, [tenant.OwnerId]),
                CancellationToken.None);
        }

        return (tenant, await fixture.LoginOwnerAsync(tenant));
    }

    private static async Task<List<(string Method, string Path)>> OperationsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = new List<(string, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (path.Name.StartsWith("/api/v1/platform", StringComparison.Ordinal))
            {
                continue; // platform routes answer to the platform key, not to tenants
            }

            operations.AddRange(path.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (o.Name.ToUpperInvariant(), path.Name)));
        }

        return operations;
    }

    /// <summary>For every listable collection with record routes, the id of one of tenant A's records.</summary>
    private static async Task<Dictionary<string, Guid>> HarvestIdsAsync(HttpClient client, List<(string Method, string Path)> operations)
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var (_, path) in operations.Where(o => o.Method == "GET" && !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            if (!IsRecordRoute(operations, path))
            {
                continue;
            }

            using var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (list.RootElement.ValueKind == JsonValueKind.Object && list.RootElement.TryGetProperty("items", out var items)
                && items.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("id", out var id))
            {
                ids[path] = id.GetGuid();
            }
        }

        return ids;
    }

    private static bool IsRecordRoute(List<(string Method, string Path)> operations, string collection) =>
        operations.Any(o => o.Method == "GET" && o.Path == collection + "/{id}");

    /// <summary>
    /// The route with tenant A's id for {id} and fresh ids for any other parameter; nothing when no id is known. A
    /// route whose {id} follows a type parameter (/timeline/{entityType}/{id}) is tried with every harvested
    /// collection's record, its type named by the collection in the singular (/api/v1/inventory/units → unit).
    /// </summary>
    private static IEnumerable<string> Concrete(string path, Dictionary<string, Guid> ids)
    {
        var marker = path.IndexOf("/{id}", StringComparison.Ordinal);
        if (marker < 0)
        {
            yield break;
        }

        var prefix = path[..marker];
        if (ids.TryGetValue(prefix, out var id))
        {
            yield return FreshIds(path.Replace("{id}", id.ToString(), StringComparison.Ordinal));
        }
        else if (prefix.EndsWith('}') && prefix.LastIndexOf("/{", StringComparison.Ordinal) is var typeStart and >= 0)
        {
            foreach (var (collection, recordId) in ids)
            {
                var typed = prefix[..typeStart] + "/" + Singular(collection[(collection.LastIndexOf('/') + 1)..]) + path[marker..];
                yield return FreshIds(typed.Replace("{id}", recordId.ToString(), StringComparison.Ordinal));
            }
        }
    }

    private static string FreshIds(string url)
    {
        while (url.IndexOf('{', StringComparison.Ordinal) is var open and >= 0)
        {
            var close = url.IndexOf('}', open);
            url = url[..open] + Guid.NewGuid() + url[(close + 1)..];
        }

        return url;
    }

    private static string Singular(string plural) =>
        plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
        : plural.EndsWith('s') ? plural[..^1]
        : plural;

    private static HttpClient Authorized(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
