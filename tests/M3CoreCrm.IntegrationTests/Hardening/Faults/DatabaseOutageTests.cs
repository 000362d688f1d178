using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static M3CoreCrm.IntegrationTests.Hardening.Faults.FaultsHttp;

namespace M3CoreCrm.IntegrationTests.Hardening.Faults;

/// <summary>
/// PostgreSQL stopped (fast or immediate shutdown, or its postmaster killed) under a load of authenticated reads and
/// writes: every request still gets an answer, a 503
/// problem once the database is gone (never a 500, never a hang), readiness fails while liveness holds, and after
/// the restart the API serves again without being restarted itself.
/// </summary>
[Collection(FaultsCollectionDefinition.Name)]
public sealed partial class DatabaseOutageTests(DedicatedApiFixture fixture, ITestOutputHelper output) : IClassFixture<DedicatedApiFixture>
{
    private const int Workers = 6;
    private const int SuccessesBeforeStop = 60;
    private const int RequestsWhileDown = 60;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private enum Phase
    {
        Up,
        Stopping,
        Down,
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    [InlineData("kill")]
    public async Task Requests_get_503_problems_while_postgresql_is_down_and_the_api_recovers_after_the_restart(string shutdown)
    {
        await fixture.EnsureRunningAsync();
        var marker = "outage" + Guid.NewGuid().ToString("N")[..8];
        using var client = fixture.OwnerClient();
        using var anonymous = fixture.AnonymousClient();
        var (seed, seedJson) = await SendAsync(client, "create", PostJson("/api/v1/leads", LeadJson(marker, 0)));
        Assert.True(seed.Status == 201, seed.ToString());
        var seedId = seedJson!.Value.GetProperty("id").GetGuid();

        var phase = (int)Phase.Up;
        var outcomes = new ConcurrentQueue<(Phase Phase, Outcome Outcome)>();
        var successes = 0;
        var whileDown = 0;
        var enoughBeforeStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopLoad = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
            {
                var started = (Phase)Volatile.Read(ref phase);
                // Logins on one worker only: concurrent logins of one account are another test's subject.
                var (operation, request) = ((i + worker) % (worker == 0 ? 7 : 6)) switch
                {
                    0 => ("list leads", Get("/api/v1/leads?limit=5")),
                    1 => ("get lead", Get($"/api/v1/leads/{seedId}")),
                    2 => ("create lead", PostJson("/api/v1/leads", LeadJson(marker, (worker * 100_000) + i + 1))),
                    3 => ("me", Get("/api/v1/me")),
                    4 => ("list contacts", Get("/api/v1/contacts?limit=5")),
                    5 => ("create contact", PostJson("/api/v1/contacts", $$"""{"firstName":"Outage","lastName":"{{marker}}"}""")),
                    _ => ("login", PostJson("/api/v1/auth/login", fixture.OwnerLoginJson)),
                };
                var (outcome, _) = await SendAsync(client, operation, request);
                outcomes.Enqueue((started, outcome));
                if (started == Phase.Up && outcome.IsSuccess && Interlocked.Increment(ref successes) == SuccessesBeforeStop)
                {
                    enoughBeforeStop.TrySetResult();
                }

                if (started == Phase.Down && Interlocked.Increment(ref whileDown) >= RequestsWhileDown)
                {
                    await stopLoad.CancelAsync();
                }
            }
        })).ToList();

        await Task.WhenAny(enoughBeforeStop.Task, Task.WhenAll(workers)).WaitAsync(Deadline);
        Assert.True(enoughBeforeStop.Task.IsCompleted, $"The load did not get {SuccessesBeforeStop} successes before the stop: {Histogram(outcomes.Select(o => o.Outcome))}");

        Volatile.Write(ref phase, (int)Phase.Stopping);
        await StopAsync(shutdown);

        Volatile.Write(ref phase, (int)Phase.Down);
        // Every request has an answer: the load ends by itself once enough requests ran against the stopped server.
        await Task.WhenAll(workers).WaitAsync(Deadline);

        var (ready, _) = await SendAsync(anonymous, "ready", Get("/health/ready"));
        var (live, _) = await SendAsync(anonymous, "live", Get("/health/live"));

        await fixture.Cluster.StartAgainAsync();
        var notReadyPolls = await WaitUntilReadyAsync(anonymous, Deadline);
        var (firstList, _, unavailableAfterRestart) = await SendUntilAvailableAsync(client, "list", () => Get("/api/v1/leads?limit=5"));
        var afterRecovery = new List<Outcome>();
        for (var i = 0; i < 20; i++)
        {
            afterRecovery.Add((await SendAsync(client, "get", Get($"/api/v1/leads/{seedId}"))).Outcome);
            afterRecovery.Add((await SendAsync(client, "create", PostJson("/api/v1/leads", LeadJson(marker, 1_000_000 + i)))).Outcome);
        }

        var all = outcomes.ToList();
        output.WriteLine($"Shutdown '{shutdown}': {all.Count} requests under load: {Histogram(all.Select(o => o.Outcome))}");
        foreach (var group in all.GroupBy(o => o.Phase))
        {
            output.WriteLine($"  started while {group.Key}: {Histogram(group.Select(o => o.Outcome))}");
        }

        foreach (var group in all.GroupBy(o => o.Outcome.Operation))
        {
            output.WriteLine($"  {group.Key}: {Histogram(group.Select(o => o.Outcome))}");
        }

        output.WriteLine($"While down: /health/ready {ready.Status}, /health/live {live.Status}. After the restart: {notReadyPolls} ready polls not 200, "
            + $"{unavailableAfterRestart} requests answered 503 before the first success, then {Histogram(afterRecovery)}.");

        Assert.Empty(all.Where(o => o.Outcome.Failure is not null).Select(o => o.Outcome.ToString()));
        Assert.Empty(all.Where(o => !o.Outcome.IsSuccess && !o.Outcome.IsUnavailableProblem).Select(o => o.Outcome.ToString()));
        Assert.Empty(all.Where(o => o.Phase == Phase.Down && !o.Outcome.IsUnavailableProblem).Select(o => o.Outcome.ToString()));
        Assert.True(all.Count(o => o.Phase == Phase.Down) >= RequestsWhileDown);
        Assert.Equal(503, ready.Status);
        Assert.Equal(200, live.Status);
        Assert.Equal(200, firstList.Status);
        Assert.All(afterRecovery, o => Assert.True(o.IsSuccess, o.ToString()));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    [InlineData("kill")]
    public async Task After_a_restart_without_traffic_in_between_at_most_one_request_meets_a_stale_connection(string shutdown)
    {
        await fixture.EnsureRunningAsync();
        using var client = fixture.OwnerClient();
        // Several connections in the pool: concurrent reads.
        var warm = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => SendAsync(client, "list", Get("/api/v1/leads?limit=5"))));
        Assert.All(warm, w => Assert.Equal(200, w.Outcome.Status));

        await StopAsync(shutdown);
        await fixture.Cluster.StartAgainAsync();

        var answers = new List<Outcome>();
        for (var i = 0; i < Workers * 2; i++)
        {
            answers.Add((await SendAsync(client, "list", Get("/api/v1/leads?limit=5"))).Outcome);
        }

        output.WriteLine($"Shutdown '{shutdown}': first {answers.Count} sequential requests after the restart: {string.Join(", ", answers.Select(a => a.Status))}");
        Assert.All(answers, a => Assert.True(a.IsSuccess || a.IsUnavailableProblem, a.ToString()));
        Assert.True(answers.Count(a => !a.IsSuccess) <= 1, "The pool kept handing out connections from before the restart.");
    }

    /// <summary>
    /// Credentials the host has not checked yet (a new session's token, an API key) need the database to be checked:
    /// while it is down the answer is 503, not a 401 that would tell the client its credentials are bad.
    /// </summary>
    [Fact]
    public async Task Credentials_not_checked_yet_get_503_and_not_401_while_postgresql_is_down()
    {
        await fixture.EnsureRunningAsync();
        using var owner = fixture.OwnerClient();
        using var anonymous = fixture.AnonymousClient();
        var (login, loginJson) = await SendAsync(anonymous, "login", PostJson("/api/v1/auth/login", fixture.OwnerLoginJson));
        Assert.True(login.Status == 200, login.ToString());
        var (roles, rolesJson) = await SendAsync(owner, "roles", Get("/api/v1/roles?q=Admin&isSystem=true"));
        Assert.True(roles.Status == 200, roles.ToString());
        var adminRoleId = rolesJson!.Value.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Admin").GetProperty("id").GetGuid();
        var (key, keyJson) = await SendAsync(owner, "api key", PostJson("/api/v1/api-keys", JsonSerializer.Serialize(new { name = "Outage", roleId = adminRoleId, expiresAt = DateTimeOffset.UtcNow.AddDays(30) })));
        Assert.True(key.Status == 201, key.ToString());

        using var newSession = fixture.AnonymousClient();
        newSession.DefaultRequestHeaders.Authorization = new("Bearer", loginJson!.Value.GetProperty("accessToken").GetString());
        using var apiKey = fixture.AnonymousClient();
        apiKey.DefaultRequestHeaders.Add("X-Api-Key", keyJson!.Value.GetProperty("secret").GetString());

        Outcome bySession;
        Outcome byKey;
        await fixture.Cluster.StopAsync();
        try
        {
            bySession = (await SendAsync(newSession, "new session", Get("/api/v1/leads?limit=5"))).Outcome;
            byKey = (await SendAsync(apiKey, "api key", Get("/api/v1/leads?limit=5"))).Outcome;
        }
        finally
        {
            await fixture.Cluster.StartAgainAsync();
        }

        var (sessionAfter, _, _) = await SendUntilAvailableAsync(newSession, "new session", () => Get("/api/v1/leads?limit=5"));
        var (keyAfter, _, _) = await SendUntilAvailableAsync(apiKey, "api key", () => Get("/api/v1/leads?limit=5"));
        output.WriteLine($"While down: new session {bySession.Status}, API key {byKey.Status}; after the restart: {sessionAfter.Status}, {keyAfter.Status}.");
        Assert.True(bySession.IsUnavailableProblem, bySession.ToString());
        Assert.True(byKey.IsUnavailableProblem, byKey.ToString());
        Assert.Equal(200, sessionAfter.Status);
        Assert.Equal(200, keyAfter.Status);
    }

    /// <summary>
    /// A server that hangs instead of refusing connections (every process stopped with SIGSTOP): requests still end
    /// with a 503 problem, bounded by the connection string's Timeout and Command Timeout (5 s and 15 s here), long
    /// before the client would give up. After SIGCONT the API serves again.
    /// </summary>
    [Fact]
    public async Task Requests_to_a_frozen_postgresql_end_with_503_problems_instead_of_hanging()
    {
        await fixture.EnsureRunningAsync();
        var marker = "frozen" + Guid.NewGuid().ToString("N")[..8];
        using var client = fixture.OwnerClient();
        using var anonymous = fixture.AnonymousClient();
        var warm = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => SendAsync(client, "list", Get("/api/v1/leads?limit=5"))));
        Assert.All(warm, w => Assert.Equal(200, w.Outcome.Status)); // pooled connections that will hang, and new ones

        List<Outcome> answers;
        Outcome ready;
        Outcome live;
        await fixture.Cluster.FreezeAsync();
        try
        {
            var requests = Enumerable.Range(0, Workers * 2).Select(i => i % 2 == 0
                ? SendAsync(client, "list leads", Get("/api/v1/leads?limit=5"))
                : SendAsync(client, "create lead", PostJson("/api/v1/leads", LeadJson(marker, i))));
            answers = [.. (await Task.WhenAll(requests)).Select(r => r.Outcome)];
            ready = (await SendAsync(anonymous, "ready", Get("/health/ready"))).Outcome;
            live = (await SendAsync(anonymous, "live", Get("/health/live"))).Outcome;
        }
        finally
        {
            await fixture.Cluster.ThawAsync();
        }

        await WaitUntilReadyAsync(anonymous, Deadline);
        var (after, _, unavailableAfterThaw) = await SendUntilAvailableAsync(client, "list", () => Get("/api/v1/leads?limit=5"));

        output.WriteLine($"{answers.Count} requests to the frozen server: {Histogram(answers)}; /health/ready {ready.Status}, /health/live {live.Status}; "
            + $"after SIGCONT {unavailableAfterThaw} requests answered 503 before the first success ({after.Status}).");
        Assert.Empty(answers.Where(a => !a.IsUnavailableProblem).Select(a => a.ToString()));
        Assert.Equal(503, ready.Status);
        Assert.Equal(200, live.Status);
        Assert.Equal(200, after.Status);
    }

    /// <summary>
    /// Every operation of the OpenAPI document, with random ids in its path and an empty JSON object as body: each
    /// answers a 503 problem, or a 4xx problem where the input is refused before the database is needed (a path
    /// value that is not a known type, a body missing required fields), or succeeds where no database is needed
    /// (the permission catalogue). None answers a 500 or leaves the client without an answer.
    /// </summary>
    [Fact]
    public async Task Every_operation_of_the_openapi_document_answers_a_problem_and_never_a_500_while_postgresql_is_down()
    {
        await fixture.EnsureRunningAsync();
        using var client = fixture.OwnerClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) && !path.Name.StartsWith("/api/v1/platform/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (
                Method: new HttpMethod(operation.Name.ToUpperInvariant()),
                Url: PathParameter().Replace(path.Name, _ => Guid.NewGuid().ToString()))))
            .ToList();

        // The session, permission and tenant checks are cached for a few seconds: with warm caches, a quick
        // (immediate) stop and the operations sent in parallel, the requests reach the endpoints themselves. Where a
        // cache has expired they stop at its check, with a 503 as well.
        foreach (var url in new[] { "/api/v1/me", "/api/v1/leads?limit=1" })
        {
            var (warm, _) = await SendAsync(client, "warm", Get(url));
            Assert.True(warm.Status == 200, warm.ToString());
        }

        var answers = new ConcurrentQueue<(HttpMethod Method, Outcome Outcome)>();
        await fixture.Cluster.StopImmediatelyAsync();
        try
        {
            await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (operation, _) =>
            {
                var (method, url) = operation;
                var request = new HttpRequestMessage(method, url);
                if (method != HttpMethod.Get && method != HttpMethod.Delete)
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
                }

                answers.Enqueue((method, (await SendAsync(client, $"{method} {url}", request)).Outcome));
            });
        }
        finally
        {
            await fixture.Cluster.StartAgainAsync();
        }

        var reads = answers.Where(a => a.Method == HttpMethod.Get).Select(a => a.Outcome).ToList();
        var writes = answers.Where(a => a.Method != HttpMethod.Get).Select(a => a.Outcome).ToList();
        output.WriteLine($"{operations.Count} operations while down: {reads.Count} reads ({Histogram(reads)}), {writes.Count} writes with an empty body ({Histogram(writes)}).");
        Assert.NotEmpty(reads);
        Assert.Empty(reads.Concat(writes)
            .Where(a => !a.IsSuccess && !a.IsUnavailableProblem && !(a.Status is >= 400 and < 500 && a.MediaType == "application/problem+json"))
            .Select(a => a.ToString()));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    private Task StopAsync(string shutdown) => shutdown switch
    {
        "fast" => fixture.Cluster.StopAsync(),
        "immediate" => fixture.Cluster.StopImmediatelyAsync(),
        _ => fixture.Cluster.KillPostmasterAsync(),
    };
}
