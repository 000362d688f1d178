using System.Text;
using M3CoreCrm.Api.RateLimiting;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.UnitTests.RateLimiting;

public sealed class LoginAccountReaderTests
{
    private static string? Key(string json) => LoginAccountReader.AccountKey(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Same_account_whatever_the_case_spacing_and_property_order()
    {
        var first = Key("""{"tenant":"acme","email":"Ann@Example.com","password":"x"}""");
        var second = Key("""{"password":"y","Email":" ann@example.COM ","TENANT":"ACME"}""");

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
        Assert.DoesNotContain("ann", first, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Another_tenant_or_email_is_another_account()
    {
        var key = Key("""{"tenant":"acme","email":"ann@example.com"}""");

        Assert.NotEqual(key, Key("""{"tenant":"acme2","email":"ann@example.com"}"""));
        Assert.NotEqual(key, Key("""{"tenant":"acme","email":"bob@example.com"}"""));
    }

    [Theory]
    [InlineData("""{"tenant":"acme"}""")]
    [InlineData("""{"tenant":"acme","email":""}""")]
    [InlineData("""{"tenant":"acme","email":42}""")]
    [InlineData("""["acme","ann@example.com"]""")]
    [InlineData("""{"tenant":"acme","email":"ann@example.com""")]
    [InlineData("not json")]
    [InlineData("")]
    public void A_body_that_names_no_account_gives_no_key(string json) => Assert.Null(Key(json));

    [Fact]
    public void Nested_values_are_skipped_not_mistaken_for_the_account()
    {
        Assert.Equal(
            Key("""{"tenant":"acme","email":"ann@example.com"}"""),
            Key("""{"extra":{"tenant":"other","email":"x@y.z"},"tenant":"acme","email":"ann@example.com"}"""));
    }

    [Fact]
    public async Task Reading_the_login_body_leaves_it_for_model_binding()
    {
        const string body = """{"tenant":"acme","email":"ann@example.com","password":"secret"}""";
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/auth/login";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var key = await LoginAccountReader.ReadAsync(context.Request);

        Assert.Equal(Key(body), key);
        using var reader = new StreamReader(context.Request.Body);
        Assert.Equal(body, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v1/auth/login", "application/json")]
    [InlineData("POST", "/api/v1/auth/refresh", "application/json")]
    [InlineData("POST", "/api/v1/auth/login", "text/plain")]
    public async Task Only_json_login_posts_are_read(string method, string path, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"tenant":"acme","email":"ann@example.com"}"""));

        Assert.Null(await LoginAccountReader.ReadAsync(context.Request));
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task An_oversized_login_body_is_refused_with_413_even_without_a_length()
    {
        var body = $$"""{"tenant":"acme","email":"ann@example.com","password":"{{new string('x', LoginAccountReader.MaxBytes)}}"}""";
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/auth/login";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body)); // no Content-Length, as with chunked bodies

        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => LoginAccountReader.ReadAsync(context.Request));

        Assert.Equal(413, refused.Status);
        Assert.Equal("request.body_too_large", refused.Code);
    }
}
