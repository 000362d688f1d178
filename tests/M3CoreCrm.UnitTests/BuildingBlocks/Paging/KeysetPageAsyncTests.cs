using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.UnitTests.Support;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

public sealed class KeysetPageAsyncTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly List<Listing> FiveRows = Enumerable.Range(0, 5)
        .Select(i => new Listing(Guid.CreateVersion7(Start.AddSeconds(i)), Start.AddSeconds(i), $"n{i}", Guid.Empty))
        .ToList();

    private static Task<Page<string>> PageAsync(PageQuery query, string sort = "createdAt") =>
        Keyset.PageAsync(new AsyncQueryable<Listing>(FiveRows), Listings.Catalog.Parse(sort), query, Listings.Codec, r => r.Name, CancellationToken.None);

    [Fact]
    public async Task A_full_page_with_more_rows_behind_it_has_a_next_cursor()
    {
        var page = await PageAsync(new PageQuery { Limit = 2 });

        Assert.Equal(["n0", "n1"], page.Items);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task The_next_cursor_continues_after_the_last_item()
    {
        var first = await PageAsync(new PageQuery { Limit = 2 });

        var second = await PageAsync(new PageQuery { Limit = 2, Cursor = first.NextCursor });

        Assert.Equal(["n2", "n3"], second.Items);
    }

    [Fact]
    public async Task A_page_that_reaches_the_end_exactly_has_no_next_cursor()
    {
        var page = await PageAsync(new PageQuery { Limit = 5 });

        Assert.Equal(5, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task The_total_is_counted_only_on_request_and_ignores_the_cursor()
    {
        var first = await PageAsync(new PageQuery { Limit = 2 });
        var second = await PageAsync(new PageQuery { Limit = 2, Cursor = first.NextCursor, IncludeTotal = true });

        Assert.Null(first.Total);
        Assert.Equal(5, second.Total);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused()
    {
        var first = await PageAsync(new PageQuery { Limit = 2 }, sort: "createdAt");

        await ProblemAssert.ThrowsAsync(400, "paging.cursor_sort_mismatch",
            () => PageAsync(new PageQuery { Limit = 2, Cursor = first.NextCursor }, sort: "-createdAt"));
    }

    [Fact]
    public async Task An_invalid_limit_is_refused()
    {
        await ProblemAssert.ThrowsAsync(400, "paging.invalid_limit", () => PageAsync(new PageQuery { Limit = 0 }));
    }
}
