using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Hardening.Fuzzing;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Isolation;

/// <summary>
/// The in-tenant counterpart of <see cref="CrossTenantRouteTests"/>: every route of the OpenAPI document with an id in
/// its path, tried on records of the caller's own tenant that lie outside its scope (the owner's records, and
/// unassigned ones) by an own-scoped agent, a group-scoped manager and an own-scoped API key (no user). Each answer
/// must be exactly the answer for an id that exists nowhere (same status and code, never a success), and nothing may
/// change in the database. Records with an owner (ownerId, or assigneeId for tasks) are the ones scopes apply to;
/// catalogue records without one (units, pipelines, users) are visible tenant-wide by design and left out.
/// </summary>
[Collection("api")]
public sealed class InTenantScopeRouteTests(ApiFixture fixture)
{
    /// <summary>Written by any request (replayed POSTs, a key's last use), never by a refused one's effect.</summary>
    private static readonly HashSet<string> WrittenByAnyRequest = new(StringComparer.Ordinal)
    {
        "shared.idempotency_records", "identity.login_throttles", "identity.api_keys",
    };

    [Fact]
    public async Task Records_outside_the_callers_scope_answer_every_route_like_missing_ones_and_stay_unchanged()
    {
        var team = await fixture.CreateTeamAsync();
        await SeedAsync(team.Tenant);
        using var owner = fixture.ClientOf(team.Owner);
        var (_, secret) = await owner.CreateApiKeyAsync(team.RoleIds["Agent"]);
        var callers = new Dictionary<string, HttpClient>
        {
            ["own-scoped agent"] = fixture.ClientOf(team.Members["Agent"]),
            ["group-scoped manager"] = fixture.ClientOf(team.Members["Manager"]),
            ["own-scoped API key"] = fixture.CreateApiKeyClient(secret),
        };

        var operations = await OperationsAsync(owner);
        var records = await HarvestOwnedAsync(owner, operations);
        Assert.Contains(records, r => r.Collection == "/api/v1/leads" && r.OwnerId is null); // the unassigned case is covered
        Assert.Contains(records, r => r.Collection == "/api/v1/contacts");
        Assert.Contains(records, r => r.Collection == "/api/v1/activities");

        var before = await DatabaseFingerprint.TakeAsync(fixture, team.Tenant.Id);
        var failures = new List<string>();
        var tried = 0;
        foreach (var (callerName, client) in callers)
        {
            foreach (var record in records)
            {
                foreach (var (method, path) in operations.Where(o => Targets(o.Path, record.Collection)))
                {
                    var hidden = await SendAsync(client, method, Concrete(path, record, record.Id));
                    var missingId = Guid.NewGuid();
                    var missing = (Id: missingId, Answer: await SendAsync(client, method, Concrete(path, record, missingId)));
                    tried++;
                    if ((int)hidden.Status is >= 200 and < 300 || hidden.Status != missing.Answer.Status || CodeOf(hidden) != CodeOf(missing.Answer)
                        || Normalized(hidden.Body, record.Id) != Normalized(missing.Answer.Body, missing.Id))
                    {
                        failures.Add($"{callerName}: {method} {path} on {record.Describe()} gave {(int)hidden.Status} {CodeOf(hidden)}, a missing id {(int)missing.Answer.Status} {CodeOf(missing.Answer)}: {Trim(hidden.Body)}");
                    }
                }
            }
        }

        foreach (var client in callers.Values)
        {
            client.Dispose();
        }

        var changed = DatabaseFingerprint.Differences(before, await DatabaseFingerprint.TakeAsync(fixture, team.Tenant.Id), WrittenByAnyRequest);
        Assert.True(tried > 0, "No route was tried.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} answers reveal or reach records outside the caller's scope:\n" + string.Join("\n", failures));
        Assert.True(changed.Count == 0, "Refused requests changed the database:\n" + string.Join("\n", changed));
    }

    /// <summary>A record of the owner's tenant: the collection it is listed in, its type name for typed routes, its owner.</summary>
    private sealed record OwnedRecord(string Collection, string TypeName, Guid Id, Guid? OwnerId)
    {
        public string Describe() => $"{TypeName} {Id} ({(OwnerId is null ? "unassigned" : "the owner's")})";
    }

    private async Task SeedAsync(TestTenant tenant)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
        await TenantProvisioner.SeedDemoAsync(
            scope.ServiceProvider.GetServices<IDemoDataSeeder>(), new DemoSeedContext(tenant.Id, tenant.OwnerId, [tenant.OwnerId]), CancellationToken.None);
    }

    private static async Task<List<(string Method, string Path)>> OperationsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = new List<(string, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => !p.Name.StartsWith("/api/v1/platform", StringComparison.Ordinal)))
        {
            operations.AddRange(path.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (o.Name.ToUpperInvariant(), path.Name)));
        }

        return operations;
    }

    /// <summary>
    /// For every listable collection whose records have an owner (ownerId or assigneeId): one record with an owner and,
    /// when the first page has one, one without.
    /// </summary>
    private static async Task<List<OwnedRecord>> HarvestOwnedAsync(HttpClient owner, List<(string Method, string Path)> operations)
    {
        var records = new List<OwnedRecord>();
        foreach (var (_, collection) in operations.Where(o => o.Method == "GET" && !o.Path.Contains('{', StringComparison.Ordinal)
                     && operations.Any(r => r.Method == "GET" && r.Path == o.Path + "/{id}")))
        {
            using var response = await owner.GetAsync(collection + "?limit=100");
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (list.RootElement.ValueKind != JsonValueKind.Object || !list.RootElement.TryGetProperty("items", out var items))
            {
                continue;
            }

            var typeName = Singular(collection[(collection.LastIndexOf('/') + 1)..]);
            var owned = items.EnumerateArray()
                .Select(item => (Item: item, Owner: item.TryGetProperty("ownerId", out var o) ? o : item.TryGetProperty("assigneeId", out var a) ? a : (JsonElement?)null))
                .Where(x => x.Owner is not null)
                .Select(x => new OwnedRecord(collection, typeName, x.Item.GetProperty("id").GetGuid(),
                    x.Owner!.Value.ValueKind == JsonValueKind.Null ? null : x.Owner.Value.GetGuid()))
                .ToList();
            records.AddRange(owned.Where(r => r.OwnerId is not null).Take(1));
            records.AddRange(owned.Where(r => r.OwnerId is null).Take(1));
        }

        return records;
    }

    /// <summary>Whether the route acts on a record of the collection: /collection/{id}... or /timeline/{entityType}/{id}.</summary>
    private static bool Targets(string path, string collection) =>
        path.StartsWith(collection + "/{id}", StringComparison.Ordinal)
        || (path.IndexOf("/{id}", StringComparison.Ordinal) is var marker and > 0 && path[..marker].EndsWith('}') && !path.StartsWith(collection, StringComparison.Ordinal));

    /// <summary>The route with <paramref name="id"/> for {id}, the record's type for a type parameter, fresh ids elsewhere.</summary>
    private static string Concrete(string path, OwnedRecord record, Guid id)
    {
        var marker = path.IndexOf("/{id}", StringComparison.Ordinal);
        var prefix = path[..marker];
        if (!path.StartsWith(record.Collection + "/{id}", StringComparison.Ordinal))
        {
            var typeStart = prefix.LastIndexOf("/{", StringComparison.Ordinal);
            prefix = prefix[..typeStart] + "/" + record.TypeName;
        }

        var url = prefix + "/" + id + path[(marker + "/{id}".Length)..];
        while (url.IndexOf('{', StringComparison.Ordinal) is var open and >= 0)
        {
            url = url[..open] + Guid.NewGuid() + url[(url.IndexOf('}', open) + 1)..];
        }

        return url;
    }

    private static async Task<ApiAnswer> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json");
        }

        using var response = await client.SendAsync(request);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString());
    }

    /// <summary>The answer with the id it names replaced and without its trace id, for comparing two answers.</summary>
    private static string Normalized(string body, Guid id) =>
        Regex.Replace(body.Replace(id.ToString(), "{id}", StringComparison.OrdinalIgnoreCase), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");

    private static string? CodeOf(ApiAnswer answer)
    {
        try
        {
            return answer.Code;
        }
        catch (JsonException)
        {
            return null; // no JSON body (405, or an empty answer)
        }
    }

    private static string Singular(string plural) =>
        plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
        : plural.EndsWith('s') ? plural[..^1]
        : plural;

    private static string Trim(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
