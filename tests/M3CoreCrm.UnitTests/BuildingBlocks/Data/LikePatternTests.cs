using M3CoreCrm.BuildingBlocks.Data;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Data;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData("ada", "%ada%")]
    [InlineData("  ada  ", "%ada%")]
    [InlineData("50%", "%50\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("c:\\path", "%c:\\\\path%")]
    public void Contains_escapes_the_wildcards_of_the_search_text(string text, string pattern) =>
        Assert.Equal(pattern, LikePattern.Contains(text));

    [Fact]
    public void Literal_keeps_the_text_but_escapes_wildcards() =>
        Assert.Equal("Team\\_A 100\\%", LikePattern.Literal("Team_A 100%"));
}
