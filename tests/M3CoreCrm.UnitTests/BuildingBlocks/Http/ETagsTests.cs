using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.UnitTests.Support;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Http;

public sealed class ETagsTests
{
    private const string PreconditionFailed = "request.precondition_failed";

    private static HttpRequest Request(string? ifMatch)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        return context.Request;
    }

    [Fact]
    public void Format_makes_a_strong_quoted_tag()
    {
        Assert.Equal("\"42\"", ETags.Format(42));
        Assert.Equal("\"4294967295\"", ETags.Format(uint.MaxValue));
    }

    [Fact]
    public void Write_sets_the_etag_header()
    {
        var context = new DefaultHttpContext();

        ETags.Write(context.Response, 7);

        Assert.Equal("\"7\"", context.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    public void No_condition_means_no_expected_version(string? ifMatch)
    {
        Assert.Null(ETags.ExpectedVersion(Request(ifMatch)));
    }

    [Theory]
    [InlineData("\"7\"", 7u)]
    [InlineData("\"3\", \"7\"", 3u)]
    [InlineData("W/\"3\", \"7\"", 7u)]
    [InlineData("\"other\", \"7\"", 7u)]
    public void The_expected_version_is_the_first_strong_tag_of_this_api(string ifMatch, uint expected)
    {
        Assert.Equal(expected, ETags.ExpectedVersion(Request(ifMatch)));
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"+7\"")]
    [InlineData("\"07\"")]
    [InlineData("\" 7\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"4294967296\"")]
    public void Weak_or_foreign_tags_name_no_version(string ifMatch)
    {
        ProblemAssert.Throws(412, PreconditionFailed, () => ETags.ExpectedVersion(Request(ifMatch)));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"7")]
    [InlineData("abc")]
    [InlineData("garbage, \"7\"")]
    [InlineData("\"7\", garbage")]
    [InlineData("\"6\" \"7\"")]
    public void Malformed_headers_are_refused(string ifMatch)
    {
        ProblemAssert.Throws(412, PreconditionFailed, () => ETags.ExpectedVersion(Request(ifMatch)));
        ProblemAssert.Throws(412, PreconditionFailed, () => ETags.EnsureMatches(Request(ifMatch), 7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("\"7\"")]
    [InlineData("\"3\", \"7\"")]
    [InlineData("W/\"7\", \"7\"")]
    public void EnsureMatches_passes_without_a_condition_or_when_a_tag_matches(string? ifMatch)
    {
        ETags.EnsureMatches(Request(ifMatch), 7);
    }

    [Theory]
    [InlineData("\"6\"")]
    [InlineData("\"3\", \"6\"")]
    [InlineData("W/\"7\"")]
    [InlineData("\"07\"")]
    public void EnsureMatches_refuses_a_stale_or_weak_tag(string ifMatch)
    {
        ProblemAssert.Throws(412, PreconditionFailed, () => ETags.EnsureMatches(Request(ifMatch), 7));
    }

    [Fact]
    public void Repeated_if_match_headers_are_read_as_one_list()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfMatch = new(["\"3\"", "\"7\""]);

        ETags.EnsureMatches(context.Request, 7);
    }
}
