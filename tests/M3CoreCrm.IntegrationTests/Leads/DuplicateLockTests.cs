using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Leads.Features.Leads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>
/// Who waits for whom in the duplicate check: a write waits for another write of the same email (that is the point),
/// not for one of a different email that hashes to the same bucket, and an import-sized write (more values than
/// <see cref="LeadDuplicateGuard.ValueLocksUpTo"/>, locking whole buckets) holds off every value of its buckets, and so
/// does a batch, whose records may share one transaction; a deadlock between two writers undoes one of them with a
/// retryable 409.
/// </summary>
[Collection("api")]
public sealed class DuplicateLockTests(ApiFixture fixture)
{
    /// <summary>How long a contender is given to show it is not blocked; a blocked one waits until the holder ends.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>How long a contender that must wait is watched before the holder lets go.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task A_write_waits_for_the_same_email_but_not_for_another_in_its_bucket()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));
        var held = $"held-{Guid.NewGuid():N}@lock.example";
        var neighbour = SameBucket(held);
        await using var holder = await HoldAsync(tenant.TenantId, [held]);

        var other = LockAsync(tenant.TenantId, [neighbour]);
        Assert.Same(other, await Task.WhenAny(other, Task.Delay(Patience)));
        await other;

        var same = LockAsync(tenant.TenantId, [held]);
        await Task.Delay(Watch);
        Assert.False(same.IsCompleted, "A second write of the same email got past the lock.");
        await holder.ReleaseAsync();
        await same.WaitAsync(Patience);
    }

    [Fact]
    public async Task An_import_sized_write_holds_off_other_emails_of_its_buckets()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));
        var rows = Enumerable.Range(0, LeadDuplicateGuard.ValueLocksUpTo + 1).Select(i => $"import-{i}-{Guid.NewGuid():N}@lock.example").ToList();
        await using var import = await HoldAsync(tenant.TenantId, rows);

        var single = LockAsync(tenant.TenantId, [SameBucket(rows[0])]);
        await Task.Delay(Watch);
        Assert.False(single.IsCompleted, "A write into a bucket an import holds did not wait for it.");
        await import.ReleaseAsync();
        await single.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_batch_locks_whole_buckets_so_its_records_in_one_transaction_hold_a_bounded_number_of_locks()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));

        var perValue = await AdvisoryLocksAfterSingleWritesAsync(tenant.TenantId, wholeBuckets: false);
        var perBucket = await AdvisoryLocksAfterSingleWritesAsync(tenant.TenantId, wholeBuckets: true);

        Assert.True(perValue > 128, $"100 single writes took {perValue} locks: the value locks were not taken.");
        Assert.InRange(perBucket, 1, 128);
    }

    [Fact]
    public async Task A_batch_with_an_idempotency_key_waits_for_a_write_in_its_buckets()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));
        var held = $"held-{Guid.NewGuid():N}@lock.example";
        await using var holder = await HoldAsync(tenant.TenantId, [held]);

        using var request = BatchRequest(Guid.NewGuid().ToString(), new { items = new[] { new { data = NewLead("Neighbour", email: SameBucket(held)) } } });
        var batch = tenant.Owner.SendAsync(request);
        await Task.Delay(Watch);
        Assert.False(batch.IsCompleted, "A batch wrote into a bucket whose value another write held, without waiting for it.");
        await holder.ReleaseAsync();

        using var response = await batch.WaitAsync(Patience);
        var result = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(201, result.GetProperty("items")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_deadlock_undoes_the_batch_and_answers_a_retryable_409_that_a_retry_with_the_same_key_gets_past()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));
        var first = $"deadlock-{Guid.NewGuid():N}@lock.example";
        // The batch locks its buckets up front in key order: the first email's bucket must come first for it to hold
        // that one while it waits for the rival's.
        var second = Enumerable.Range(0, 1_000).Select(i => $"other-{i}-{first}")
            .First(e => LeadDuplicateGuard.BucketLockKey(tenant.TenantId, "e:" + e) > LeadDuplicateGuard.BucketLockKey(tenant.TenantId, "e:" + first));
        var secondHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var takeFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rival = Task.Run(async () =>
        {
            await InGuardedTransactionAsync(tenant.TenantId, wholeBuckets: true, async (guard, _, ct) =>
            {
                await guard.LockAndFindAsync([second], [], null, ct);
                secondHeld.SetResult();
                await takeFirst.Task;
                return await guard.LockAndFindAsync([first], [], null, ct);
            });
        });
        await secondHeld.Task.WaitAsync(Patience);

        // The batch locks the first email's bucket, then waits for the second's; the rival then asks for the first's.
        var key = Guid.NewGuid().ToString();
        var body = new { items = new[] { first, second }.Select(email => new { data = new { firstName = "Dead", lastName = "Lock", email, source = "website" } }) };
        using var firstTry = BatchRequest(key, body);
        var batch = tenant.Owner.SendAsync(firstTry);
        await Task.Delay(Watch);
        Assert.False(batch.IsCompleted, "The batch did not wait for the rival's bucket.");
        takeFirst.SetResult();

        using var response = await batch.WaitAsync(Patience);
        var problem = await ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("request.concurrency_conflict", problem.GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        await rival.WaitAsync(Patience);

        using var retry = BatchRequest(key, body);
        using var retried = await tenant.Owner.SendAsync(retry);
        var result = await ReadAsync(retried, HttpStatusCode.OK);
        Assert.Equal([201, 201], result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"), "The undone batch's answer was stored under its key.");
    }

    [Fact]
    public async Task Thirty_full_batches_with_idempotency_keys_at_once_all_succeed()
    {
        // Each batch writes 100 records in one transaction: with a lock per value they would exhaust PostgreSQL's
        // lock table together ("out of shared memory"), and with bucket locks taken record by record, in no common
        // order, they would deadlock on each other's buckets.
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(DuplicateLockTests));
        var run = Guid.NewGuid().ToString("N")[..8];
        var seed = Random.Shared.Next(100);
        var batches = Enumerable.Range(0, 30).Select(async b =>
        {
            var items = Enumerable.Range(0, Batch.MaxItems).Select(i => new
            {
                data = NewLead($"Bulk{b}", email: $"bulk-{run}-{b}-{i}@lock.example", phone: $"+97150{b:D2}{i:D3}{seed:D2}"),
            });
            using var request = BatchRequest(Guid.NewGuid().ToString(), new { items });
            using var response = await tenant.Owner.SendAsync(request);
            return await ReadAsync(response, HttpStatusCode.OK);
        }).ToList();

        var results = await Task.WhenAll(batches).WaitAsync(TimeSpan.FromMinutes(4));
        Assert.All(results, result =>
        {
            var failed = result.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetInt32() != 201).Select(i => i.ToString()).ToList();
            Assert.True(failed.Count == 0, $"Records that failed: {string.Join("; ", failed.Take(3))}");
        });
    }

    private static HttpRequestMessage BatchRequest(string idempotencyKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/batch") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Advisory locks held after 100 single-email writes in one transaction, with or without whole buckets.</summary>
    private Task<long> AdvisoryLocksAfterSingleWritesAsync(Guid tenantId, bool wholeBuckets) =>
        InGuardedTransactionAsync(tenantId, wholeBuckets, async (guard, unitOfWork, ct) =>
        {
            foreach (var i in Enumerable.Range(0, 100))
            {
                await guard.LockAndFindAsync([$"batch-{i}-{Guid.NewGuid():N}@lock.example"], [], null, ct);
            }

            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", unitOfWork.Connection, unitOfWork.Transaction);
            return (long)(await count.ExecuteScalarAsync(ct))!;
        });

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of a unit of work of the tenant, as a request's would be, with the
    /// unit of work's duplicate guard (locking whole buckets when asked), and the unit of work itself.
    /// </summary>
    private async Task<T> InGuardedTransactionAsync<T>(
        Guid tenantId, bool wholeBuckets, Func<LeadDuplicateGuard, UnitOfWork, CancellationToken, Task<T>> work)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var guard = scope.ServiceProvider.GetRequiredService<LeadDuplicateGuard>();
        if (wholeBuckets)
        {
            guard.LockWholeBuckets();
        }

        return await unitOfWork.InTransactionAsync(ct => work(guard, unitOfWork, ct), CancellationToken.None);
    }

    /// <summary>Another email whose bucket is that of <paramref name="email"/>.</summary>
    private static string SameBucket(string email)
    {
        var bucket = LeadDuplicateGuard.Bucket("e:" + email);
        return Enumerable.Range(0, 100_000).Select(i => $"other-{i}-{email}").First(e => e != email && LeadDuplicateGuard.Bucket("e:" + e) == bucket);
    }

    /// <summary>Takes the duplicate locks of these emails in a transaction of its own and ends it at once.</summary>
    private async Task LockAsync(Guid tenantId, IReadOnlyCollection<string> emails) =>
        await InGuardedTransactionAsync(tenantId, wholeBuckets: false, (guard, _, ct) => guard.LockAndFindAsync(emails, [], null, ct));

    /// <summary>Takes the duplicate locks of these emails in a transaction that stays open until released.</summary>
    private async Task<Holder> HoldAsync(Guid tenantId, IReadOnlyCollection<string> emails)
    {
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(async () =>
        {
            await InGuardedTransactionAsync(tenantId, wholeBuckets: false, async (guard, _, ct) =>
            {
                await guard.LockAndFindAsync(emails, [], null, ct);
                locked.SetResult();
                await release.Task;
                return 0;
            });
        });
        await Task.WhenAny(locked.Task, run);
        await locked.Task.WaitAsync(Patience);
        return new Holder(release, run);
    }

    private sealed class Holder(TaskCompletionSource release, Task run) : IAsyncDisposable
    {
        public async Task ReleaseAsync()
        {
            release.TrySetResult();
            await run.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync() => await ReleaseAsync();
    }
}
