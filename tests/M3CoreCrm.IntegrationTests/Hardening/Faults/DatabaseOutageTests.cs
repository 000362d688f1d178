using System.Collections.Concurrent;
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
public sealed class DatabaseOutageTests(OutageFixture fixture, ITestOutputHelper output) : IClassFixture<OutageFixture>
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

    private Task StopAsync(string shutdown) => shutdown switch
    {
        "fast" => fixture.Cluster.StopAsync(),
        "immediate" => fixture.Cluster.StopImmediatelyAsync(),
        _ => fixture.Cluster.KillPostmasterAsync(),
    };
}
