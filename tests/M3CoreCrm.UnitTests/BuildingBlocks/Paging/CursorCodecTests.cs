using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.UnitTests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

public sealed class CursorCodecTests
{
    private const string Sort = "-createdAt,name";
    private const string InvalidCursor = "paging.invalid_cursor";

    private static readonly DateTimeOffset CreatedAt = new DateTimeOffset(2026, 11, 28, 5, 34, 4, 123, TimeSpan.Zero).AddTicks(4567);
    private static readonly Guid Id = Guid.CreateVersion7(CreatedAt);

    private readonly CursorCodec _codec = CursorCodec.FromSecret("first-deployment-secret-0123456789");

    private string Cursor(string name = "Ann") => _codec.Encode(Sort, [CreatedAt, name, Id]);

    [Fact]
    public void Decode_returns_the_encoded_key_values_in_sort_order()
    {
        var values = _codec.Decode(Cursor(), Sort);

        Assert.Equal(3, values.Count);
        Assert.Equal(CreatedAt, values[0].Deserialize<DateTimeOffset>());
        Assert.Equal("Ann", values[1].Deserialize<string>());
        Assert.Equal(Id, values[2].Deserialize<Guid>());
    }

    [Fact]
    public void A_cursor_survives_a_restart_with_the_same_secret()
    {
        var restarted = CursorCodec.FromSecret("first-deployment-secret-0123456789");

        Assert.Equal("Ann", restarted.Decode(Cursor(), Sort)[1].GetString());
    }

    [Fact]
    public void Cursors_are_url_safe()
    {
        Assert.All(Cursor(), c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' needs escaping in a URL"));
    }

    [Fact]
    public void A_cursor_made_with_another_secret_is_refused()
    {
        var other = CursorCodec.FromSecret("another-deployment-secret-0123456789");

        ProblemAssert.Throws(400, InvalidCursor, () => other.Decode(Cursor(), Sort));
    }

    [Fact]
    public void A_cursor_for_another_sort_is_refused_with_its_own_code()
    {
        ProblemAssert.Throws(400, "paging.cursor_sort_mismatch", () => _codec.Decode(Cursor(), "name"));
    }

    [Fact]
    public void An_edited_payload_is_refused()
    {
        // A client swaps in another payload (here: a later name) but keeps the original MAC.
        var original = Cursor("Ann");
        var edited = Cursor("Zoe");
        var forged = edited[..edited.IndexOf('.')] + original[original.IndexOf('.')..];

        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(forged, Sort));
    }

    [Fact]
    public void A_payload_with_one_flipped_bit_is_refused()
    {
        var cursor = Cursor();
        var dot = cursor.IndexOf('.');
        var payload = WebEncoders.Base64UrlDecode(cursor[..dot]);
        payload[^2] ^= 0x01;

        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(WebEncoders.Base64UrlEncode(payload) + cursor[dot..], Sort));
    }

    [Fact]
    public void A_mac_with_one_flipped_bit_is_refused()
    {
        var cursor = Cursor();
        var dot = cursor.IndexOf('.');
        var mac = WebEncoders.Base64UrlDecode(cursor[(dot + 1)..]);
        mac[0] ^= 0x80;

        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(cursor[..(dot + 1)] + WebEncoders.Base64UrlEncode(mac), Sort));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(23)]
    public void A_truncated_cursor_is_refused(int removedCharacters)
    {
        var cursor = Cursor();

        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(cursor[..^removedCharacters], Sort));
    }

    [Fact]
    public void A_cursor_cut_before_its_mac_is_refused()
    {
        var cursor = Cursor();

        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(cursor[..cursor.IndexOf('.')], Sort));
        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(cursor[..(cursor.IndexOf('.') + 1)], Sort));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("not-a-cursor")]
    [InlineData("%%%.***")]
    [InlineData("eyJTb3J0IjoibmFtZSJ9.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("abc.def.ghi")]
    [InlineData("ÿÿÿÿ.ÿÿÿÿ")]
    public void Garbage_and_empty_cursors_are_refused(string cursor)
    {
        ProblemAssert.Throws(400, InvalidCursor, () => _codec.Decode(cursor, Sort));
    }
}
