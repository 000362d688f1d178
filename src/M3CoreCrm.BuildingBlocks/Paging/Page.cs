namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>One page of a list: the items, the cursor of the next page (null at the end), and a total on request.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, long? Total);

/// <summary>Query parameters every list accepts.</summary>
public sealed record PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Items per page, 1 to 200 (default 50).</summary>
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Comma-separated sort fields, '-' for descending (e.g. -createdAt,name).</summary>
    public string? Sort { get; init; }

    /// <summary>Also count all matching records (costs a second query).</summary>
    public bool? IncludeTotal { get; init; }

    public int EffectiveLimit => Limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw Http.Problems.BadRequest("paging.invalid_limit", $"limit must be between 1 and {MaxLimit}."),
        { } value => value,
    };
}
