using Microsoft.AspNetCore.Builder;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// What a route does with <see cref="ETags"/>, declared where it is mapped: the OpenAPI document cannot see into a
/// handler, and without this generated clients have no If-Match parameter to pass and no ETag header to read.
/// </summary>
public static class ETagConventions
{
    /// <summary>
    /// The handler checks If-Match against the record's version (<see cref="ETags.EnsureMatches"/> or
    /// <see cref="ETags.ExpectedVersion"/>): a stale tag gives 412.
    /// </summary>
    public static TBuilder HonoursIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HonoursIfMatchMetadata());

    /// <summary>Every successful answer carries the record's version in the ETag header (<see cref="ETags.Write"/>).</summary>
    public static TBuilder ReturnsETag<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReturnsETagMetadata());
}

/// <summary>Endpoint metadata of <see cref="ETagConventions.HonoursIfMatch{TBuilder}"/>.</summary>
internal sealed class HonoursIfMatchMetadata;

/// <summary>Endpoint metadata of <see cref="ETagConventions.ReturnsETag{TBuilder}"/>.</summary>
internal sealed class ReturnsETagMetadata;
