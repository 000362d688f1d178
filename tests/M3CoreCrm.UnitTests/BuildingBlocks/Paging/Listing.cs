using M3CoreCrm.BuildingBlocks.Paging;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

/// <summary>A small record with the key types lists sort by: a time, a text, Guids (the id is UUIDv7) and an enum.</summary>
internal sealed record Listing(Guid Id, DateTimeOffset CreatedAt, string Name, Guid OwnerId, ListingStatus Status = ListingStatus.Draft);

internal enum ListingStatus
{
    Draft,
    Published,
    Sold,
}

internal static class Listings
{
    internal const string DefaultSort = "-createdAt";

    internal static SortCatalog<Listing> Catalog { get; } = new(
        SortField<Listing>.For("id", l => l.Id),
        DefaultSort,
        SortField<Listing>.For("createdAt", l => l.CreatedAt),
        SortField<Listing>.For("name", l => l.Name),
        SortField<Listing>.For("ownerId", l => l.OwnerId),
        SortField<Listing>.For("status", l => l.Status));

    internal static CursorCodec Codec { get; } = CursorCodec.FromSecret("unit-tests-cursor-secret-0123456789");
}
