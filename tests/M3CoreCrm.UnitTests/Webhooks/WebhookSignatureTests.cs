using System.Text;
using M3CoreCrm.Modules.Webhooks.Infrastructure;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace M3CoreCrm.UnitTests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void A_signature_verifies_with_the_reference_library()
    {
        var secret = WebhookSignature.NewSecret();
        const string body = """{"type":"lead.created","data":{"id":"0197"}}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var headers = Headers("msg_1", timestamp, WebhookSignature.Header([secret], "msg_1", timestamp, Encoding.UTF8.GetBytes(body)));

        new StandardWebhook(secret).Verify(body, headers);
    }

    [Fact]
    public void During_rotation_either_secret_verifies()
    {
        var previous = WebhookSignature.NewSecret();
        var current = WebhookSignature.NewSecret();
        const string body = "{}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var header = WebhookSignature.Header([current, previous], "msg_2", timestamp, Encoding.UTF8.GetBytes(body));

        // The spec's list: space-separated signatures, one per secret in force. The reference library (1.1.2) does
        // not match a later signature of the list, so each is checked on its own, and the full header with the first.
        var signatures = header.Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(current).Verify(body, Headers("msg_2", timestamp, header));
        new StandardWebhook(current).Verify(body, Headers("msg_2", timestamp, signatures[0]));
        new StandardWebhook(previous).Verify(body, Headers("msg_2", timestamp, signatures[1]));
    }

    [Fact]
    public void A_changed_body_or_another_secret_does_not_verify()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var headers = Headers("msg_3", timestamp, WebhookSignature.Header([secret], "msg_3", timestamp, "{\"a\":1}"u8));

        Assert.ThrowsAny<Exception>(() => new StandardWebhook(secret).Verify("{\"a\":2}", headers));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(WebhookSignature.NewSecret()).Verify("{\"a\":1}", headers));
    }

    [Fact]
    public void Secrets_have_the_whsec_form()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(WebhookSignature.IsSecret(secret));
        Assert.False(WebhookSignature.IsSecret("whsec_short"));
        Assert.False(WebhookSignature.IsSecret(secret[6..]));
    }

    private static HeaderDictionary Headers(string id, long timestamp, string signature) => new()
    {
        [WebhookSignature.IdHeader] = id,
        [WebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WebhookSignature.SignatureHeader] = signature,
    };
}
