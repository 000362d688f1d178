using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

[Collection("api")]
public sealed class LeadStatusTests(ApiFixture fixture) : IAsyncLifetime
{
    /// <summary>The transitions the status endpoint allows (converted only through /convert).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["new"] = ["contacted", "qualified", "unqualified"],
        ["contacted"] = ["qualified", "unqualified"],
        ["qualified"] = ["unqualified"],
        ["unqualified"] = ["new", "contacted"],
    };

    /// <summary>How to reach each status from new.</summary>
    private static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["new"] = [],
        ["contacted"] = ["contacted"],
        ["qualified"] = ["contacted", "qualified"],
        ["unqualified"] = ["unqualified"],
    };

    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_transition_is_allowed_or_refused_with_409_as_the_table_says()
    {
        string[] statuses = ["new", "contacted", "qualified", "converted", "unqualified"];
        foreach (var from in PathTo.Keys)
        {
            foreach (var to in statuses)
            {
                var id = (await CreateAsync(_tenant.Owner, NewLead($"From{from}To{to}"))).Id();
                foreach (var step in PathTo[from])
                {
                    using var moved = await StatusAsync(_tenant.Owner, id, step, step == "unqualified" ? "no budget" : null);
                    await ReadAsync(moved, HttpStatusCode.OK);
                }

                using var response = await StatusAsync(_tenant.Owner, id, to, to == "unqualified" ? "no budget" : null);
                if (Allowed[from].Contains(to))
                {
                    var lead = await ReadAsync(response, HttpStatusCode.OK);
                    Assert.Equal(to, lead.GetProperty("status").GetString());
                }
                else
                {
                    var problem = await ProblemAsync(response, HttpStatusCode.Conflict, "lead.invalid_transition");
                    Assert.Equal(from, problem.GetProperty("from").GetString());
                    Assert.Equal(to, problem.GetProperty("to").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task Unqualified_needs_a_reason_which_reopening_clears()
    {
        var id = (await CreateAsync(_tenant.Owner, NewLead())).Id();

        using var noReason = await StatusAsync(_tenant.Owner, id, "unqualified");
        var problem = await ProblemAsync(noReason, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        using var reasonElsewhere = await StatusAsync(_tenant.Owner, id, "contacted", "why not");
        await ProblemAsync(reasonElsewhere, HttpStatusCode.BadRequest, "validation.failed");
        using var unknown = await StatusAsync(_tenant.Owner, id, "won");
        await ProblemAsync(unknown, HttpStatusCode.BadRequest);

        using var unqualified = await StatusAsync(_tenant.Owner, id, "unqualified", "Bought elsewhere");
        Assert.Equal("Bought elsewhere", (await ReadAsync(unqualified, HttpStatusCode.OK)).GetProperty("unqualifiedReason").GetString());
        using var reopened = await StatusAsync(_tenant.Owner, id, "new");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ReadAsync(reopened, HttpStatusCode.OK)).GetProperty("unqualifiedReason").ValueKind);
    }

    [Fact]
    public async Task Status_change_honours_If_Match()
    {
        var id = (await CreateAsync(_tenant.Owner, NewLead())).Id();

        using var stale = await SendAsync(_tenant.Owner, Json(HttpMethod.Post, $"/api/v1/leads/{id}/status", new { status = "contacted" }, "\"1\""));
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{id}");
        Assert.Equal("new", (await ReadAsync(get, HttpStatusCode.OK)).GetProperty("status").GetString());
        using var fresh = await SendAsync(_tenant.Owner, Json(HttpMethod.Post, $"/api/v1/leads/{id}/status", new { status = "contacted" }, get.Headers.ETag!.ToString()));
        await ReadAsync(fresh, HttpStatusCode.OK);
    }
}
