using M3CoreCrm.Api.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.UnitTests.RateLimiting;

public sealed class InProcessRateLimitStoreTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly InProcessRateLimitStore _store;

    public InProcessRateLimitStoreTests() => _store = new InProcessRateLimitStore(_clock);

    private static BucketSpec Bucket(string key, int perMinute, string policy = RateLimitPolicies.Tenant) => new(policy, key, perMinute, 60);

    [Fact]
    public void A_bucket_allows_its_quota_at_once_then_refuses()
    {
        var spec = Bucket("t", 3);

        var allowed = Enumerable.Range(0, 5).Select(_ => _store.Acquire([spec]).Allowed).ToList();

        Assert.Equal([true, true, true, false, false], allowed);
    }

    [Fact]
    public void Tokens_come_back_at_the_quotas_rate()
    {
        var spec = Bucket("t", 6); // one token every 10 s
        for (var i = 0; i < 6; i++)
        {
            Assert.True(_store.Acquire([spec]).Allowed);
        }

        var refused = _store.Acquire([spec]);
        Assert.False(refused.Allowed);
        Assert.Equal(10, refused.RetryAfterSeconds);

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(_store.Acquire([spec]).Allowed);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_store.Acquire([spec]).Allowed);
        Assert.False(_store.Acquire([spec]).Allowed);
    }

    [Fact]
    public void A_bucket_never_holds_more_than_its_quota()
    {
        var spec = Bucket("t", 2);
        _store.Acquire([spec]);
        _clock.Advance(TimeSpan.FromHours(1));

        var outcomes = Enumerable.Range(0, 3).Select(_ => _store.Acquire([spec])).ToList();

        Assert.Equal([true, true, false], outcomes.Select(o => o.Allowed));
        Assert.Equal(1, outcomes[0].Buckets[0].Remaining);
    }

    [Fact]
    public void A_refused_request_takes_no_token_from_its_other_buckets()
    {
        var tenant = Bucket("t", 10);
        var noisyUser = Bucket("t:noisy", 2, RateLimitPolicies.User);
        var colleague = Bucket("t:colleague", 2, RateLimitPolicies.User);

        var noisy = Enumerable.Range(0, 8).Select(_ => _store.Acquire([tenant, noisyUser])).ToList();
        var other = _store.Acquire([tenant, colleague]);

        Assert.Equal(2, noisy.Count(d => d.Allowed));
        Assert.Equal([RateLimitPolicies.User], noisy[^1].Violated);
        Assert.True(other.Allowed);
        Assert.Equal(7, other.Buckets[0].Remaining); // 10 - 2 (noisy, allowed) - 1 (colleague)
    }

    [Fact]
    public void Partitions_and_policies_are_separate_buckets()
    {
        Assert.True(_store.Acquire([Bucket("a", 1)]).Allowed);
        Assert.False(_store.Acquire([Bucket("a", 1)]).Allowed);
        Assert.True(_store.Acquire([Bucket("b", 1)]).Allowed);
        Assert.True(_store.Acquire([Bucket("a", 1, RateLimitPolicies.User)]).Allowed);
    }

    [Fact]
    public void A_raised_plan_limit_applies_to_an_existing_bucket()
    {
        Assert.True(_store.Acquire([Bucket("t", 1)]).Allowed);
        Assert.False(_store.Acquire([Bucket("t", 1)]).Allowed);

        _clock.Advance(TimeSpan.FromSeconds(1)); // at 60 per minute, one token a second
        Assert.True(_store.Acquire([Bucket("t", 60)]).Allowed);
    }

    [Fact]
    public void Buckets_that_filled_up_again_are_dropped()
    {
        _store.Acquire([Bucket("idle", 60)]);
        _store.Acquire([Bucket("busy", 1)]);
        _store.Acquire([Bucket("busy", 1)]);
        Assert.Equal(2, _store.Count);

        _clock.Advance(TimeSpan.FromSeconds(61)); // both full again: "busy" refills 1 per minute
        _store.Acquire([Bucket("new", 60)]);

        Assert.Equal(1, _store.Count);
    }
}
