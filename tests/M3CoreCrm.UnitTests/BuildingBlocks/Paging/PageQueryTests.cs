using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.UnitTests.Support;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

public sealed class PageQueryTests
{
    [Fact]
    public void The_default_limit_is_50()
    {
        Assert.Equal(50, new PageQuery().EffectiveLimit);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(200)]
    public void Limits_from_1_to_200_are_taken_as_given(int limit)
    {
        Assert.Equal(limit, new PageQuery { Limit = limit }.EffectiveLimit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(201)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Limits_outside_1_to_200_are_refused(int limit)
    {
        ProblemAssert.Throws(400, "paging.invalid_limit", () => new PageQuery { Limit = limit }.EffectiveLimit);
    }
}
