using M3CoreCrm.Api.RateLimiting;

namespace M3CoreCrm.UnitTests.RateLimiting;

public sealed class RateLimitingOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_auth_is_stricter_than_anonymous()
    {
        var options = new RateLimitingOptions();

        Assert.Empty(options.Problems());
        Assert.True(options.Auth.PerIp.RequestsPerMinute < options.Anonymous.RequestsPerMinute);
        Assert.True(options.User.RequestsPerMinute < options.Tenant.RequestsPerMinute);
    }

    [Fact]
    public void A_zero_quota_is_refused_by_name()
    {
        var options = new RateLimitingOptions();
        options.Auth.PerAccount.RequestsPerMinute = 0;

        var problem = Assert.Single(options.Problems());
        Assert.Contains("RateLimiting:Auth:PerAccount:RequestsPerMinute", problem, StringComparison.Ordinal);
    }
}
