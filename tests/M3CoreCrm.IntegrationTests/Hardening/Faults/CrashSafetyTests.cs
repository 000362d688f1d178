using Npgsql;
using Xunit.Abstractions;
using static M3CoreCrm.IntegrationTests.Hardening.Faults.FaultsHttp;

namespace M3CoreCrm.IntegrationTests.Hardening.Faults;

/// <summary>
/// The postmaster killed with SIGKILL in the middle of a load of lead creations, each with its own Idempotency-Key,
/// on a server with production durability (fsync and synchronous_commit on). After crash recovery, nothing that was
/// acknowledged is lost, and retrying every request with its key ends with each lead created exactly once.
/// </summary>
[Collection(FaultsCollectionDefinition.Name)]
public sealed class CrashSafetyTests(DedicatedApiFixture fixture, ITestOutputHelper output) : IClassFixture<DedicatedApiFixture>
{
    private const int Writes = 300;
    private const int Concurrency = 6;
    private const int KillAfterAcknowledged = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task Acknowledged_writes_survive_a_postmaster_SIGKILL_and_retries_with_the_same_keys_create_each_lead_once()
    {
        await fixture.EnsureRunningAsync();
        var marker = "crash" + Guid.NewGuid().ToString("N")[..8];
        var requests = Enumerable.Range(0, Writes).Select(i => (Key: $"{marker}-{i}", Json: LeadJson(marker, i))).ToArray();
        using var client = fixture.OwnerClient();
        using var anonymous = fixture.AnonymousClient();

        // Phase 1: the load, and the kill once a third of it is acknowledged.
        var first = new Outcome[Writes];
        var firstIds = new Guid?[Writes];
        var next = -1;
        var acknowledged = 0;
        var inFlight = 0;
        var inFlightAtKill = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killer = Task.Run(async () =>
        {
            await killNow.Task;
            inFlightAtKill = Volatile.Read(ref inFlight);
            return await fixture.Cluster.KillPostmasterAsync();
        });
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Writes; i = Interlocked.Increment(ref next))
            {
                Interlocked.Increment(ref inFlight);
                var (outcome, json) = await SendAsync(client, "create", PostJson("/api/v1/leads", requests[i].Json, requests[i].Key));
                Interlocked.Decrement(ref inFlight);
                first[i] = outcome;
                if (outcome.IsSuccess)
                {
                    firstIds[i] = json!.Value.GetProperty("id").GetGuid();
                    if (Interlocked.Increment(ref acknowledged) == KillAfterAcknowledged)
                    {
                        killNow.TrySetResult();
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(workers).WaitAsync(Deadline);
        Assert.True(killNow.Task.IsCompleted, $"Only {acknowledged} writes were acknowledged; the kill never happened: {Histogram(first)}");
        var killedPid = await killer.WaitAsync(Deadline);
        var acknowledgedBeforeRestart = Enumerable.Range(0, Writes).Where(i => firstIds[i] is not null).ToList();

        // Restart: crash recovery replays the WAL.
        await fixture.Cluster.StartAgainAsync();
        var log = await fixture.Cluster.ReadLogAsync();
        await WaitUntilReadyAsync(anonymous, Deadline);

        // Every acknowledged write is there, by superuser SQL and through the API.
        var stored = await StoredIdsAsync(marker);
        var missing = acknowledgedBeforeRestart.Where(i => !stored.Contains(firstIds[i]!.Value)).ToList();
        var readBack = 0;
        var unavailableOnRead = 0;
        foreach (var i in acknowledgedBeforeRestart)
        {
            var (read, _, unavailable) = await SendUntilAvailableAsync(client, "get", () => Get($"/api/v1/leads/{firstIds[i]}"));
            unavailableOnRead += unavailable;
            readBack += read.Status == 200 ? 1 : 0;
        }

        // Phase 2: every request again, with its key and byte-identical body.
        var retried = new Outcome[Writes];
        var retriedIds = new Guid?[Writes];
        var unavailableOnRetry = 0;
        next = -1;
        var retriers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Writes; i = Interlocked.Increment(ref next))
            {
                var index = i;
                var (outcome, json, unavailable) = await SendUntilAvailableAsync(client, "retry",
                    () => PostJson("/api/v1/leads", requests[index].Json, requests[index].Key));
                Interlocked.Add(ref unavailableOnRetry, unavailable);
                retried[i] = outcome;
                retriedIds[i] = outcome.IsSuccess ? json!.Value.GetProperty("id").GetGuid() : null;
            }
        })).ToList();
        await Task.WhenAll(retriers).WaitAsync(Deadline);

        var rows = await ScalarAsync<long>("SELECT count(*) FROM leads.leads WHERE last_name = $1", marker);
        var distinctEmails = await ScalarAsync<long>("SELECT count(DISTINCT email) FROM leads.leads WHERE last_name = $1", marker);
        var keys = await ScalarAsync<long>("SELECT count(*) FROM shared.idempotency_records WHERE key LIKE $1", marker + "-%");
        var replayedUnacknowledged = Enumerable.Range(0, Writes).Count(i => firstIds[i] is null && retried[i].Replayed);

        output.WriteLine($"SIGKILL to postmaster {killedPid} after {KillAfterAcknowledged} acknowledged writes, {inFlightAtKill} requests in flight; {Writes} writes, {Concurrency} concurrent.");
        output.WriteLine($"First attempts: {Histogram(first)}; acknowledged {acknowledgedBeforeRestart.Count}.");
        output.WriteLine($"Crash recovery ran: {log.Contains("automatic recovery in progress", StringComparison.Ordinal)}.");
        output.WriteLine($"After the restart: {acknowledgedBeforeRestart.Count - missing.Count} of {acknowledgedBeforeRestart.Count} acknowledged found by SQL, "
            + $"{readBack} read back through the API ({unavailableOnRead} 503s first).");
        output.WriteLine($"Retries: {Writes} requests, {Histogram(retried)}; {retried.Count(r => r.Replayed)} replayed "
            + $"({replayedUnacknowledged} of them committed although their first attempt got no 2xx); {unavailableOnRetry} extra 503 attempts.");
        output.WriteLine($"Rows with the marker: {rows} (distinct emails {distinctEmails}), idempotency records: {keys}, duplicates: {rows - distinctEmails}.");

        Assert.Empty(first.Where(o => !o.IsSuccess && !o.IsUnavailableProblem).Select(o => o.ToString()));
        Assert.Contains("automatic recovery in progress", log, StringComparison.Ordinal);
        Assert.Empty(missing);
        Assert.Equal(acknowledgedBeforeRestart.Count, readBack);
        Assert.All(retried, r => Assert.Equal(201, r.Status));
        foreach (var i in acknowledgedBeforeRestart)
        {
            Assert.True(retried[i].Replayed, $"Retry {i} was not a replay: {retried[i]}");
            Assert.Equal(first[i].Body, retried[i].Body);
        }

        Assert.Equal(Writes, retriedIds.Distinct().Count());
        Assert.Equal(Writes, rows);
        Assert.Equal(Writes, distinctEmails);
        Assert.Equal(Writes, keys);
        Assert.Equal(retriedIds.Select(id => id!.Value).ToHashSet(), await StoredIdsAsync(marker));
    }

    private async Task<HashSet<Guid>> StoredIdsAsync(string marker)
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM leads.leads WHERE last_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = marker });
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<T> ScalarAsync<T>(string sql, string parameter)
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
