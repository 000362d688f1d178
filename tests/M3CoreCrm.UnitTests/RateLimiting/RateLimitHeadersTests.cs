using M3CoreCrm.Api.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.UnitTests.RateLimiting;

public sealed class RateLimitHeadersTests
{
    private static readonly BucketSpec Tenant = new(RateLimitPolicies.Tenant, "t1", 600, 60);
    private static readonly BucketSpec User = new(RateLimitPolicies.User, "t1:u1", 300, 60);

    [Fact]
    public void Policy_is_a_structured_list_of_quota_and_window_per_policy()
    {
        var header = RateLimitHeaders.FormatPolicy([new BucketOutcome(Tenant, 599), new BucketOutcome(User, 299)]);

        Assert.Equal("\"tenant\";q=600;w=60, \"user\";q=300;w=60", header);
    }

    [Fact]
    public void Limit_gives_whole_remaining_requests_and_seconds_to_the_next_token()
    {
        // 600 per minute = 10 tokens a second: 599.5 tokens leave 599 requests, the next token comes within a second.
        var header = RateLimitHeaders.FormatLimit([new BucketOutcome(Tenant, 599.5)]);

        Assert.Equal("\"tenant\";r=599;t=1", header);
    }

    [Fact]
    public void Exhausted_bucket_reports_zero_and_the_wait_for_one_token()
    {
        // 6 per minute = one token every 10 s; with 0.25 of a token, the next whole one is 7.5 s away.
        var slow = new BucketSpec(RateLimitPolicies.AuthAccount, "a", 6, 60);
        var outcome = new BucketOutcome(slow, 0.25);

        Assert.Equal("\"auth-account\";r=0;t=8", RateLimitHeaders.FormatLimit([outcome]));
        Assert.True(outcome.Exhausted);
        Assert.Equal(8, outcome.SecondsToNextToken);
    }

    [Fact]
    public void Refill_a_hair_under_a_whole_token_counts_as_the_token()
    {
        var outcome = new BucketOutcome(Tenant, 3 - 1e-12);

        Assert.Equal(3, outcome.Remaining);
    }

    [Fact]
    public void Retry_after_of_a_refusal_is_the_longest_wait_of_the_exhausted_buckets_only()
    {
        var slow = new BucketSpec(RateLimitPolicies.AuthAccount, "a", 6, 60);
        var fast = new BucketSpec(RateLimitPolicies.AuthIp, "ip", 60, 60);
        var decision = new RateLimitDecision(false, [new BucketOutcome(fast, 0.5), new BucketOutcome(slow, 0), new BucketOutcome(Tenant, 10)]);

        Assert.Equal(10, decision.RetryAfterSeconds);
        Assert.Equal([RateLimitPolicies.AuthIp, RateLimitPolicies.AuthAccount], decision.Violated);
    }

    [Fact]
    public void Write_sets_both_fields_and_nothing_without_buckets()
    {
        var headers = new HeaderDictionary();
        RateLimitHeaders.Write(headers, new RateLimitDecision(true, []));
        Assert.Empty(headers);

        RateLimitHeaders.Write(headers, new RateLimitDecision(true, [new BucketOutcome(User, 12)]));
        Assert.Equal("\"user\";q=300;w=60", headers["RateLimit-Policy"].ToString());
        Assert.Equal("\"user\";r=12;t=1", headers["RateLimit"].ToString());
    }
}
