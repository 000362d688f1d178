using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.UnitTests.Identity;

public sealed class ApiKeyCodecTests
{
    [Fact]
    public void A_key_carries_its_tenant_random_bits_and_a_checksum()
    {
        var tenant = Guid.CreateVersion7();
        var key = ApiKeyCodec.Create(tenant);

        Assert.StartsWith($"m3k_{tenant:N}_", key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyCodec.Length, key.Length);
        Assert.True(ApiKeyCodec.TryReadTenant(key, out var read));
        Assert.Equal(tenant, read);
        Assert.NotEqual(key, ApiKeyCodec.Create(tenant));
        Assert.Equal(32, ApiKeyCodec.HashOf(key).Length);
        Assert.Equal($"m3k_…{key[^4..]}", ApiKeyCodec.HintOf(key));
    }

    [Fact]
    public void A_mistyped_or_made_up_key_fails_the_checksum()
    {
        var key = ApiKeyCodec.Create(Guid.CreateVersion7());
        var mistyped = key[..^10] + (key[^10] == 'x' ? 'y' : 'x') + key[^9..];
        var madeUp = key[..37] + new string('A', 43);

        Assert.False(ApiKeyCodec.TryReadTenant(mistyped, out _));
        Assert.False(ApiKeyCodec.TryReadTenant(madeUp, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("m3k_garbage")]
    [InlineData("m3k_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("m3k_0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("m3k_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_keys_name_no_tenant(string? key) =>
        Assert.False(ApiKeyCodec.TryReadTenant(key, out _));

    [Theory]
    [InlineData("X-Api-Key", "m3k_abc", "m3k_abc")]
    [InlineData("X-Api-Key", "  m3k_abc  ", "m3k_abc")]
    [InlineData("Authorization", "Bearer m3k_abc", "m3k_abc")]
    [InlineData("Authorization", "bearer m3k_abc", "m3k_abc")]
    [InlineData("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", null)]
    [InlineData("Authorization", "Basic m3k_abc", null)]
    [InlineData("X-Other", "m3k_abc", null)]
    public void The_key_is_read_from_X_Api_Key_or_a_bearer_token_with_the_prefix(string header, string value, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;

        Assert.Equal(expected, ApiKeyAuthentication.ReadKey(context.Request));
        Assert.Equal(expected is null ? "Bearer" : ApiKeyAuthentication.Scheme, ApiKeyAuthentication.SelectScheme(context));
    }
}
