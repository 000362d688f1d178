using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.UnitTests.Support;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

/// <summary>Order and After on six hand-placed rows, with ties on the first key (and on the first two).</summary>
public sealed class KeysetOrderAndAfterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddHours(1);
    private static readonly DateTimeOffset T2 = T0.AddHours(2);
    private static readonly Guid OwnerA = Guid.Parse("11111111-0000-0000-0000-000000000000");
    private static readonly Guid OwnerB = Guid.Parse("22222222-0000-0000-0000-000000000000");

    /// <summary>UUIDv7 ids one millisecond apart, so r1 &lt; r2 &lt; ... &lt; r6 by id.</summary>
    private static readonly Dictionary<string, Listing> Rows = new()
    {
        ["r1"] = new(Id(1), T1, "bob", OwnerB, ListingStatus.Published),
        ["r2"] = new(Id(2), T1, "ann", OwnerA, ListingStatus.Draft),
        ["r3"] = new(Id(3), T2, "ann", OwnerB, ListingStatus.Sold),
        ["r4"] = new(Id(4), T1, "ann", OwnerA, ListingStatus.Published),
        ["r5"] = new(Id(5), T2, "cat", OwnerA, ListingStatus.Draft),
        ["r6"] = new(Id(6), T0, "bob", OwnerB, ListingStatus.Sold),
    };

    private static Guid Id(int millisecond) => Guid.CreateVersion7(T0.AddMilliseconds(millisecond));

    private static IQueryable<Listing> Query => Rows.Values.Reverse().ToList().AsQueryable();

    private static string[] NamesOf(IEnumerable<Listing> rows) =>
        rows.Select(r => Rows.Single(kv => kv.Value == r).Key).ToArray();

    /// <summary>The cursor values of a row, as a cursor carries them (through JSON).</summary>
    private static List<JsonElement> CursorAt(Listing row, SortSpec<Listing> spec) =>
        Keyset.KeyValues(row, spec).Select(v => JsonSerializer.SerializeToElement(v)).ToList();

    [Theory]
    [InlineData("createdAt", "r6,r1,r2,r4,r3,r5")]
    [InlineData("-createdAt", "r5,r3,r4,r2,r1,r6")]
    [InlineData("name", "r2,r3,r4,r1,r6,r5")]
    [InlineData("-createdAt,name", "r3,r5,r4,r2,r1,r6")]
    [InlineData("name,-createdAt", "r3,r2,r4,r1,r6,r5")]
    [InlineData("-ownerId,createdAt", "r6,r1,r3,r4,r2,r5")]
    [InlineData("status,-name", "r5,r2,r1,r4,r6,r3")]
    public void Order_sorts_by_the_keys_then_the_id(string sort, string expected)
    {
        var spec = Listings.Catalog.Parse(sort);

        Assert.Equal(expected.Split(','), NamesOf(Keyset.Order(Query, spec)));
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("-createdAt,name")]
    [InlineData("name,-createdAt")]
    [InlineData("-ownerId,createdAt")]
    [InlineData("status,-name")]
    public void After_a_row_come_exactly_the_rows_that_follow_it(string sort)
    {
        var spec = Listings.Catalog.Parse(sort);
        var ordered = Keyset.Order(Query, spec).ToList();

        for (var i = 0; i < ordered.Count; i++)
        {
            var next = Keyset.Order(Keyset.After(Query, spec, CursorAt(ordered[i], spec)), spec);

            Assert.Equal(NamesOf(ordered.Skip(i + 1)), NamesOf(next));
        }
    }

    [Fact]
    public void Ties_on_the_first_key_are_broken_by_the_id_in_its_direction()
    {
        var spec = Listings.Catalog.Parse("-createdAt");

        // r4, r2 and r1 share T1; descending ids put r4 first, so after r4 come r2 and r1, then the older r6.
        var next = Keyset.Order(Keyset.After(Query, spec, CursorAt(Rows["r4"], spec)), spec);

        Assert.Equal(["r2", "r1", "r6"], NamesOf(next));
    }

    [Fact]
    public void Without_a_cursor_every_row_is_kept()
    {
        var spec = Listings.Catalog.Parse("name");

        Assert.Equal(Rows.Count, Keyset.After(Query, spec, after: null).Count());
    }

    [Fact]
    public void A_cursor_with_the_wrong_number_of_values_is_refused()
    {
        var spec = Listings.Catalog.Parse("name");
        var tooFew = new[] { JsonSerializer.SerializeToElement("ann") };

        ProblemAssert.Throws(400, "paging.invalid_cursor", () => Keyset.After(Query, spec, tooFew));
    }

    [Theory]
    [InlineData("createdAt", "[\"not a time\", \"0196a3c0-0000-7000-8000-000000000000\"]")]
    [InlineData("name", "[42, \"0196a3c0-0000-7000-8000-000000000000\"]")]
    [InlineData("name", "[null, \"0196a3c0-0000-7000-8000-000000000000\"]")]
    [InlineData("ownerId", "[\"ann\", \"0196a3c0-0000-7000-8000-000000000000\"]")]
    [InlineData("name", "[\"ann\", {}]")]
    public void A_cursor_value_of_the_wrong_type_is_refused(string sort, string values)
    {
        var spec = Listings.Catalog.Parse(sort);
        var after = JsonSerializer.Deserialize<JsonElement[]>(values)!;

        ProblemAssert.Throws(400, "paging.invalid_cursor", () => Keyset.After(Query, spec, after));
    }
}
