using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.UnitTests.Support;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

public sealed class SortCatalogTests
{
    private const string InvalidSort = "paging.invalid_sort";

    private static string[] Names(SortSpec<Listing> spec) =>
        spec.Keys.Select(k => (k.Descending ? "-" : string.Empty) + k.Field.Name).ToArray();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_sort_means_the_default_sort(string? sort)
    {
        var spec = Listings.Catalog.Parse(sort);

        Assert.Equal(Listings.DefaultSort, spec.Text);
        Assert.Equal(["-createdAt", "-id"], Names(spec));
    }

    [Fact]
    public void Parses_descending_and_ascending_fields_in_order_and_appends_the_id()
    {
        var spec = Listings.Catalog.Parse("-createdAt,name");

        Assert.Equal("-createdAt,name", spec.Text);
        Assert.Equal(["-createdAt", "name", "-id"], Names(spec));
    }

    [Theory]
    [InlineData("name", "id")]
    [InlineData("name,-createdAt", "id")]
    [InlineData("-name,createdAt", "-id")]
    [InlineData("-ownerId", "-id")]
    public void The_id_tie_breaker_follows_the_first_key_direction(string sort, string expectedLast)
    {
        Assert.Equal(expectedLast, Names(Listings.Catalog.Parse(sort))[^1]);
    }

    [Theory]
    [InlineData("-CREATEDAT , Name", "-createdAt,name")]
    [InlineData(" +name ", "name")]
    [InlineData("ownerid", "ownerId")]
    public void The_canonical_text_uses_the_catalog_spelling(string sort, string canonical)
    {
        // The canonical text goes into cursors: two spellings of one sort must give the same text.
        Assert.Equal(canonical, Listings.Catalog.Parse(sort).Text);
    }

    [Fact]
    public void The_canonical_text_leaves_out_the_implicit_id()
    {
        Assert.DoesNotContain("id", Listings.Catalog.Parse("name").Text.Split(','));
    }

    [Theory]
    [InlineData("price")]
    [InlineData("-createdAt,price")]
    [InlineData("name,")]
    [InlineData(",name")]
    [InlineData("-")]
    [InlineData("--name")]
    [InlineData("+-name")]
    [InlineData("name desc")]
    public void Unknown_fields_are_refused(string sort)
    {
        ProblemAssert.Throws(400, InvalidSort, () => Listings.Catalog.Parse(sort));
    }

    [Theory]
    [InlineData("name,name")]
    [InlineData("name,-name")]
    [InlineData("-createdAt,name,CreatedAt")]
    public void Repeated_fields_are_refused(string sort)
    {
        ProblemAssert.Throws(400, InvalidSort, () => Listings.Catalog.Parse(sort));
    }

    [Fact]
    public void The_refusal_names_the_allowed_fields()
    {
        var problem = ProblemAssert.Throws(400, InvalidSort, () => Listings.Catalog.Parse("price"));

        Assert.Contains("createdAt, name, ownerId, status", problem.Detail, StringComparison.Ordinal);
    }
}
