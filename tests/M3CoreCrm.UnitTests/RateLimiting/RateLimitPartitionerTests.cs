using System.Net;
using System.Security.Claims;
using M3CoreCrm.Api.RateLimiting;
using M3CoreCrm.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.UnitTests.RateLimiting;

public sealed class RateLimitPartitionerTests
{
    private static readonly Guid TenantId = Guid.Parse("0199a1b2-0000-7000-8000-000000000001");
    private static readonly Guid UserId = Guid.Parse("0199a1b2-0000-7000-8000-000000000002");
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static ClaimsPrincipal UserPrincipal => new(new ClaimsIdentity(
        [new Claim(CrmClaims.TenantId, TenantId.ToString()), new Claim(CrmClaims.Subject, UserId.ToString())], "Bearer"));

    private static ClaimsPrincipal ApiKeyPrincipal => new(new ClaimsIdentity(
        [new Claim(CrmClaims.TenantId, TenantId.ToString()), new Claim(CrmClaims.ApiKeyId, "key-1"), new Claim(CrmClaims.Subject, UserId.ToString())], "ApiKey"));

    [Fact]
    public void A_user_draws_from_their_tenant_and_from_their_own_bucket_not_from_the_ip()
    {
        var partitions = RateLimitPartitioner.Select("/api/v1/leads", UserPrincipal, Client, null);

        Assert.Equal(
            [
                new RateLimitPartition(RateLimitPolicies.Tenant, TenantId.ToString("N"), TenantId),
                new RateLimitPartition(RateLimitPolicies.User, $"{TenantId:N}:{UserId}", TenantId),
            ],
            partitions);
    }

    [Fact]
    public void An_api_key_draws_from_its_tenant_and_its_key_bucket()
    {
        var partitions = RateLimitPartitioner.Select("/api/v1/leads", ApiKeyPrincipal, Client, null);

        Assert.Equal([RateLimitPolicies.Tenant, RateLimitPolicies.ApiKey], partitions.Select(p => p.Policy));
        Assert.Equal($"{TenantId:N}:key-1", partitions[1].Key);
    }

    [Fact]
    public void Anonymous_requests_are_partitioned_by_client_ip()
    {
        var partitions = RateLimitPartitioner.Select("/api/v1/platform/tenants", Anonymous, Client, null);

        Assert.Equal([new RateLimitPartition(RateLimitPolicies.Ip, "203.0.113.7")], partitions);
    }

    [Fact]
    public void A_login_draws_from_the_stricter_auth_ip_bucket_and_the_accounts_bucket()
    {
        var partitions = RateLimitPartitioner.Select("/api/v1/auth/login", Anonymous, Client, "abc123");

        Assert.Equal(
            [new RateLimitPartition(RateLimitPolicies.AuthIp, "203.0.113.7"), new RateLimitPartition(RateLimitPolicies.AuthAccount, "abc123")],
            partitions);
    }

    [Fact]
    public void Auth_routes_match_whatever_the_case_and_keep_the_callers_tenant_buckets_when_authenticated()
    {
        var partitions = RateLimitPartitioner.Select("/API/V1/Auth/Logout", UserPrincipal, Client, null);

        Assert.Equal([RateLimitPolicies.Tenant, RateLimitPolicies.User, RateLimitPolicies.AuthIp], partitions.Select(p => p.Policy));
    }

    [Fact]
    public void A_path_that_only_starts_like_auth_is_not_an_auth_route()
    {
        var partitions = RateLimitPartitioner.Select("/api/v1/authors", Anonymous, Client, null);

        Assert.Equal([RateLimitPolicies.Ip], partitions.Select(p => p.Policy));
    }

    [Theory]
    [InlineData("/health/live", true)]
    [InlineData("/health/ready", true)]
    [InlineData("/metrics", true)]
    [InlineData("/swagger", true)]
    [InlineData("/swagger/v1/swagger.json", true)]
    [InlineData("/SWAGGER/index.html", true)]
    [InlineData("/api/v1/me", false)]
    [InlineData("/healthy", false)]
    [InlineData("/", false)]
    public void Health_metrics_and_the_openapi_document_are_exempt(string path, bool exempt) =>
        Assert.Equal(exempt, RateLimitPartitioner.IsExempt(new PathString(path)));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Client_ip_keys_group_ipv6_by_64_prefix(string address, string key) =>
        Assert.Equal(key, RateLimitPartitioner.IpKey(IPAddress.Parse(address)));

    [Fact]
    public void No_client_address_is_one_unknown_partition() =>
        Assert.Equal("unknown", RateLimitPartitioner.IpKey(null));

    [Fact]
    public void A_token_without_a_valid_tenant_claim_is_treated_as_anonymous()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CrmClaims.TenantId, "not-a-guid"), new Claim(CrmClaims.Subject, "x")], "Bearer"));

        var partitions = RateLimitPartitioner.Select("/api/v1/me", principal, Client, null);

        Assert.Equal([RateLimitPolicies.Ip], partitions.Select(p => p.Policy));
    }
}
