using System.Linq.Expressions;
using M3CoreCrm.BuildingBlocks.Paging;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

/// <summary>Pages read a fixed set of row counts, written into the SQL as constants (one generic plan each).</summary>
public sealed class KeysetFetchSizeTests
{
    [Theory]
    [InlineData(1, 11)]
    [InlineData(11, 11)]
    [InlineData(12, 26)]
    [InlineData(51, 51)]
    [InlineData(52, 101)]
    [InlineData(201, 201)]
    [InlineData(500, 500)]
    public void A_count_is_rounded_up_to_the_next_fixed_size(int count, int expected) =>
        Assert.Equal(expected, Keyset.FetchSize(count));

    [Fact]
    public void TakeAtLeast_puts_the_size_into_the_expression_as_a_constant()
    {
        var query = Keyset.TakeAtLeast(Enumerable.Range(0, 100).AsQueryable(), 20);

        var take = Assert.IsAssignableFrom<MethodCallExpression>(query.Expression);
        Assert.Equal(nameof(Queryable.Take), take.Method.Name);
        Assert.Equal(26, Assert.IsType<ConstantExpression>(take.Arguments[1]).Value);
        Assert.Equal(26, query.Count());
    }
}
