namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>PostgreSQL keeps microseconds: times are cut to that precision before they are stored or shown.</summary>
internal static class Timestamps
{
    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), TimeSpan.Zero);
}
