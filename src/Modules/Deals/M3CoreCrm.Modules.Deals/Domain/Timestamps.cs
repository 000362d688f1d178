namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>PostgreSQL keeps microseconds: times are cut to that precision before they are stored or shown.</summary>
internal static class Timestamps
{
    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}
