using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace M3CoreCrm.IntegrationTests.Contacts;

/// <summary>
/// The list queries, as the module builds them, planned by PostgreSQL on a tenant with a few thousand contacts (as
/// the API's runtime role, under row-level security), and the search functions' inner queries (as the owner role
/// they run as): each must be served by an index, never a sequential scan of the contacts table.
/// </summary>
[Collection("api")]
public sealed partial class ContactQueryPlanTests(ApiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 6000;
    private static readonly Guid[] Owners = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static TestTenant? _seeded;
    private TestTenant _tenant = null!;

    /// <summary>One tenant with a few thousand contacts, seeded once for the class (as the superuser, behind RLS).</summary>
    public async Task InitializeAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            _tenant = _seeded ??= await SeedAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<TestTenant> SeedAsync()
    {
        var tenant = await fixture.CreateAsync();
        await using var connection = await fixture.OpenSuperuserAsync();
        await ExecuteAsync(connection,
            """
            INSERT INTO contacts.contacts (id, tenant_id, first_name, last_name, sort_name, search_text, owner_id, tags, created_at, updated_at)
            SELECT gen_random_uuid(), $1, 'First' || g, 'Last' || g, 'first' || g || ' last' || g,
                   'first' || g || ' last' || g || ' | person' || g || '@example.com | +97150' || lpad(g::text, 7, '0') || ' 050' || lpad(g::text, 7, '0'),
                   ($2::uuid[])[1 + g % 20], CASE WHEN g IN (7, 77) THEN ARRAY['tag' || (g % 50), 'rare-tag'] ELSE ARRAY['tag' || (g % 50)] END,
                   now() - make_interval(mins => g), now() - make_interval(secs => g)
            FROM generate_series(1, $3) AS g
            """,
            tenant.Id, Owners, Rows);
        await ExecuteAsync(connection,
            """
            INSERT INTO contacts.contact_emails (tenant_id, contact_id, position, address, normalized, label, is_primary)
            SELECT tenant_id, id, 0, first_name || '@example.com', lower(first_name) || '@example.com', 'Work', true
            FROM contacts.contacts WHERE tenant_id = $1
            """,
            tenant.Id);

        // What autovacuum does in a running system: statistics, and GIN pending lists merged into the indexes.
        await ExecuteAsync(connection, "VACUUM ANALYZE contacts.contacts");
        await ExecuteAsync(connection, "VACUUM ANALYZE contacts.contact_emails");
        return tenant;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_default_list_walks_the_created_at_index()
    {
        var plan = await ExplainAsync(db => PageAsync(db, new ContactListQuery(null, null, null, null, null, null), null));

        Assert.Contains("ix_contacts_tenant_id_created_at_id", plan, StringComparison.Ordinal);
        AssertNoSeqScan(plan);
    }

    [Fact]
    public async Task A_deep_page_starts_at_the_cursor_in_the_index()
    {
        var plan = await ExplainAsync(db =>
        {
            var sort = ContactQueries.Sorts.Parse(null);
            var last = db.Contacts.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => new { c.CreatedAt, c.Id }).First();
            var after = new[] { JsonSerializer.SerializeToElement(last.CreatedAt), JsonSerializer.SerializeToElement(last.Id) };
            return Task.FromResult(Keyset.Order(Keyset.After(db.Contacts.AsNoTracking(), sort, after), sort).Take(51));
        });

        Assert.Contains("ix_contacts_tenant_id_created_at_id", plan, StringComparison.Ordinal);
        Assert.Matches(IndexBoundOnCreatedAt(), plan);
        AssertNoSeqScan(plan);
    }

    [Theory]
    [InlineData("person4242@example")]
    [InlineData("LAST5999")]
    [InlineData("+971500001234")]
    [InlineData("050 000 1234")]
    public async Task Q_search_uses_the_trigram_index(string q)
    {
        // Few matches: the function's ids are read by primary key and sorted.
        var list = await ExplainAsync(db => PageAsync(db, new ContactListQuery(null, null, null, null, null, q), null));
        Assert.Contains("pk_contacts", list, StringComparison.Ordinal);
        AssertNoSeqScan(list);

        // Inside contacts.match_contact_ids (SECURITY DEFINER, as the owner): the trigram index.
        var pattern = M3CoreCrm.Modules.Contacts.Features.Shared.ListFilters.SearchPattern(q)!;
        var inner = await ExplainRawAsync(
            $"SELECT t.id FROM contacts.contacts AS t WHERE t.tenant_id = '{_tenant.Id}' AND t.deleted_at IS NULL AND t.search_text LIKE '{pattern}' ESCAPE '\\'");
        Assert.Contains("ix_contacts_search_text", inner, StringComparison.Ordinal);
        AssertNoSeqScan(inner);
    }

    [Fact]
    public async Task A_search_with_many_matches_filters_the_sort_order_index_scan()
    {
        // "first" is in every seeded name: the page is the first matches of the created-at index, unsorted.
        var plan = await ExplainAsync(db => PageAsync(db, new ContactListQuery(null, null, null, null, null, "first"), null));

        Assert.Contains("ix_contacts_tenant_id_created_at_id", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.Contains("~~", plan, StringComparison.Ordinal);
        AssertNoSeqScan(plan);
    }

    [Fact]
    public async Task Q_search_finds_the_right_rows_through_the_function()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(_tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();

        var names = await (await ContactQueries.FilterAsync(db, db.Contacts.AsNoTracking(), new ContactListQuery(null, null, ["rare-tag"], null, null, "first7"), default))
            .OrderBy(c => c.SortName).Select(c => c.FirstName).ToListAsync();

        Assert.Equal(["First7", "First77"], names);
    }

    /// <summary>
    /// Terms dense among the newest rows (the filter path) and rarer ones (ids read by key and sorted: "last419" has 11
    /// matches, one of them recent) give the page a plain scan of the table gives: same rows, same order.
    /// </summary>
    [Theory]
    [InlineData("first")]
    [InlineData("last59")]
    [InlineData("person42")]
    [InlineData("person4242@")]
    [InlineData("last419")]
    [InlineData("+9715000")]
    [InlineData("nobody-matches")]
    public async Task Every_search_path_gives_the_page_of_a_plain_scan(string q)
    {
        var pattern = M3CoreCrm.Modules.Contacts.Features.Shared.ListFilters.SearchPattern(q)!;
        var expected = new List<Guid>();
        await using (var connection = await fixture.OpenSuperuserAsync())
        await using (var scan = new NpgsqlCommand(
            "SELECT id FROM contacts.contacts WHERE tenant_id = $1 AND deleted_at IS NULL AND search_text LIKE $2 ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT 51",
            connection))
        {
            scan.Parameters.Add(new NpgsqlParameter { Value = _tenant.Id });
            scan.Parameters.Add(new NpgsqlParameter { Value = pattern });
            await using var reader = await scan.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetGuid(0));
            }
        }

        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(_tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var page = await (await PageAsync(db, new ContactListQuery(null, null, null, null, null, q), null)).Select(c => c.Id).ToListAsync();

        Assert.Equal(expected, page);
    }

    [Fact]
    public async Task An_agents_own_list_uses_the_owner_index()
    {
        var owner = Owners[3];
        var plan = await ExplainAsync(db => PageAsync(db, new ContactListQuery(null, null, null, null, null, null), c => c.OwnerId == owner));

        Assert.Contains("ix_contacts_tenant_id_owner_id_created_at_id", plan, StringComparison.Ordinal);
        AssertNoSeqScan(plan);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-updatedAt")]
    public async Task Other_sorts_use_their_index(string sort)
    {
        var plan = await ExplainAsync(async db =>
        {
            var spec = ContactQueries.Sorts.Parse(sort);
            return Keyset.Order(await ContactQueries.FilterAsync(db, db.Contacts.AsNoTracking(), new ContactListQuery(null, null, null, null, null, null), default), spec).Take(51);
        });

        Assert.Contains(sort == "name" ? "ix_contacts_tenant_id_sort_name_id" : "ix_contacts_tenant_id_updated_at_id", plan, StringComparison.Ordinal);
        AssertNoSeqScan(plan);
    }

    [Fact]
    public async Task A_rare_tag_uses_the_tag_index()
    {
        var list = await ExplainAsync(db => PageAsync(db, new ContactListQuery(null, null, ["rare-tag"], null, null, null), null));
        Assert.Contains("match_contact_ids", list, StringComparison.Ordinal);
        AssertNoSeqScan(list);

        var inner = await ExplainRawAsync(
            $"SELECT t.id FROM contacts.contacts AS t WHERE t.tenant_id = '{_tenant.Id}' AND t.deleted_at IS NULL AND t.tags @> ARRAY['rare-tag']::text[]");
        Assert.Contains("ix_contacts_tenant_id_tags", inner, StringComparison.Ordinal);
        AssertNoSeqScan(inner);
    }

    [Fact]
    public async Task The_duplicate_check_looks_emails_up_by_index()
    {
        var plan = await ExplainAsync(db =>
        {
            var emails = new List<string> { "first4242@example.com" };
            return Task.FromResult(db.ContactEmails.Where(e => emails.Contains(e.Normalized))
                .Join(db.Contacts, e => e.ContactId, c => c.Id, (e, c) => new { c.Id, c.CreatedAt, e.Normalized })
                .OrderBy(x => x.CreatedAt).Take(1));
        });

        Assert.Contains("ix_contact_emails_tenant_id_normalized", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    private static async Task<IQueryable<Contact>> PageAsync(ContactsDbContext db, ContactListQuery filter, Expression<Func<Contact, bool>>? scope)
    {
        var sort = ContactQueries.Sorts.Parse(null);
        var source = db.Contacts.AsNoTracking();
        return Keyset.Order(await ContactQueries.FilterAsync(db, scope is null ? source : source.Where(scope), filter, default), sort).Take(51);
    }

    private static void AssertNoSeqScan(string plan) =>
        Assert.DoesNotMatch(SeqScanOnContacts(), plan);

    /// <summary>The module's SQL for the query (EF's own text, parameters inlined), explained as the owner role in the tenant.</summary>
    private async Task<string> ExplainAsync<T>(Func<ContactsDbContext, Task<IQueryable<T>>> build)
    {
        string sql;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(_tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
            var raw = (await build(db)).ToQueryString();
            output.WriteLine(raw);
            sql = Inline(raw);
        }

        return await ExplainRawAsync(sql, asOwner: false);
    }

    /// <summary>
    /// EXPLAIN with the tenant set, as the API's runtime role (under row-level security), or as the owner role: the
    /// migrations' role and the definer the search functions run as.
    /// </summary>
    private async Task<string> ExplainRawAsync(string sql, bool asOwner = true)
    {
        await using var connection = asOwner ? await fixture.OpenOwnerAsync() : await fixture.OpenRuntimeAsync();
        await using (var set = new NpgsqlCommand($"SET app.tenant_id = '{_tenant.Id}'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        var plan = string.Join('\n', lines);
        output.WriteLine(sql);
        output.WriteLine(plan);
        return plan;
    }

    /// <summary>Replaces EF's <c>@name</c> parameters with the literal values its query string lists in comments.</summary>
    private static string Inline(string queryString)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = new List<string>();
        foreach (var line in queryString.Split('\n'))
        {
            var match = ParameterComment().Match(line.TrimEnd('\r'));
            if (match.Success)
            {
                values[match.Groups["name"].Value] = Literal(match.Groups["value"].Value);
            }
            else
            {
                body.Add(line);
            }
        }

        var sql = string.Join('\n', body);
        foreach (var (name, literal) in values.OrderByDescending(v => v.Key.Length))
        {
            sql = Regex.Replace(sql, "@" + Regex.Escape(name) + @"\b", literal.Replace("$", "$$", StringComparison.Ordinal));
        }

        return sql;
    }

    /// <summary>'text' stays as it is; an array <c>{ 'a', 'b' }</c> becomes ARRAY['a','b'] (of uuid when the items are ids).</summary>
    private static string Literal(string value)
    {
        if (value.StartsWith('{') && value.EndsWith('}'))
        {
            var items = value.Trim('{', '}').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var type = items.Length > 0 && Guid.TryParse(items[0].Trim('\''), out _) ? "uuid" : "text";
            return $"ARRAY[{string.Join(',', items)}]::{type}[]";
        }

        return value;
    }

    [GeneratedRegex(@"^-- @?(?<name>\w+)=(?<value>'.*'|\{.*\}|NULL)(?: \(.*\))?$")]
    private static partial Regex ParameterComment();

    [GeneratedRegex(@"Seq Scan on contacts\b")]
    private static partial Regex SeqScanOnContacts();

    [GeneratedRegex(@"Index Cond: .*created_at <=")]
    private static partial Regex IndexBoundOnCreatedAt();
}
