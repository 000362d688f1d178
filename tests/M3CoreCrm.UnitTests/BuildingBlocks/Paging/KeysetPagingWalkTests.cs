using M3CoreCrm.BuildingBlocks.Paging;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

/// <summary>
/// Property-style: a few hundred random rows (fixed seed, few distinct key values so ties abound), walked page by
/// page through real cursors, come out each exactly once and in the reference order.
/// </summary>
public sealed class KeysetPagingWalkTests
{
    private const int Seed = 20261128;
    private const int RowCount = 347;

    private static readonly Guid[] Owners =
    [
        Guid.Parse("0196a3c0-0000-7000-8000-00000000000a"),
        Guid.Parse("7f000000-0000-7000-8000-000000000000"),
        Guid.Parse("ff000000-0000-7000-8000-000000000000"),
    ];

    private static readonly string[] Names = ["a", "ab", "abc", "b", "ba", "Zed"];

    private static List<Listing> RandomRows()
    {
        var random = new Random(Seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, RowCount)
            .Select(_ =>
            {
                var createdAt = start.AddMinutes(random.Next(6)).AddTicks(random.Next(2) * 10);
                return new Listing(
                    Guid.CreateVersion7(createdAt),
                    createdAt,
                    Names[random.Next(Names.Length)],
                    Owners[random.Next(Owners.Length)],
                    (ListingStatus)random.Next(3));
            })
            .ToList();
    }

    private static async Task<List<Listing>> WalkAsync(List<Listing> rows, string sort, int limit)
    {
        var spec = Listings.Catalog.Parse(sort);
        var seen = new List<Listing>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Keyset.PageAsync(
                new AsyncQueryable<Listing>(rows), spec, new PageQuery { Limit = limit, Cursor = cursor }, Listings.Codec, r => r, CancellationToken.None);
            Assert.InRange(page.Items.Count, 1, limit);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(++pages <= rows.Count, "the walk does not end");
        }
        while (cursor is not null);

        return seen;
    }

    [Theory]
    [InlineData("createdAt", 1)]
    [InlineData("-createdAt", 7)]
    [InlineData("name", 50)]
    [InlineData("-name", 13)]
    [InlineData("-createdAt,name", 10)]
    [InlineData("name,-createdAt", 3)]
    [InlineData("ownerId,-name,createdAt", 17)]
    [InlineData("-status,ownerId", 29)]
    [InlineData("status,-createdAt,name", 200)]
    public async Task Walking_every_page_yields_every_row_once_in_order(string sort, int limit)
    {
        var rows = RandomRows();

        var walked = await WalkAsync(rows, sort, limit);

        Assert.Equal(rows.Count, walked.Select(r => r.Id).Distinct().Count());
        Assert.Equal(new ReferenceOrder(sort).Sort(rows), walked);
    }
}
