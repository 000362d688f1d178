using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

namespace M3CoreCrm.UnitTests.Identity;

public sealed class RefreshTokenCodecTests
{
    [Fact]
    public void A_token_carries_its_tenant_and_256_random_bits()
    {
        var tenant = Guid.CreateVersion7();
        var token = RefreshTokenCodec.Create(tenant);

        Assert.True(RefreshTokenCodec.TryReadTenant(token, out var read));
        Assert.Equal(tenant, read);
        Assert.NotEqual(token, RefreshTokenCodec.Create(tenant));
        Assert.Equal(32, RefreshTokenCodec.HashOf(token).Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.short")]
    [InlineData("not-a-guid-not-a-guid-not-a-guid.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_tokens_name_no_tenant(string? token) =>
        Assert.False(RefreshTokenCodec.TryReadTenant(token, out _));
}
