namespace M3CoreCrm.Bench.Seed;

/// <summary>Deterministic, realistic-looking values shared by the copies.</summary>
internal static class Fake
{
    public static readonly string[] FirstNames = ["Aisha", "Omar", "Fatima", "Ahmed", "Sara", "Yousef", "Mariam", "Khalid", "Noor", "Hassan", "Layla", "Ali", "Priya", "Rahul", "Anna", "James", "Olga", "Chen", "Maria", "David"];
    public static readonly string[] LastNames = ["Al Mansoori", "Haddad", "Khan", "Sharma", "Smith", "Ivanova", "Wang", "Garcia", "Rahman", "Nasser", "Patel", "Brown", "Kuznetsov", "Lopez", "Saleh", "Farouk"];
    public static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddYears(-2);

    /// <summary>Spreads <paramref name="count"/> records evenly over the two years before today.</summary>
    public static DateTimeOffset CreatedAt(int index, int count) => Start.AddSeconds(index * (63_000_000.0 / count));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A UAE mobile number and its national digits, unique per <paramref name="index"/> below 100,000,000.</summary>
    public static (string Number, string NationalDigits) Mobile(int index, int prefix)
    {
        var national = $"5{prefix}{index % 10_000_000:D7}";
        return ($"+971{national}", national);
    }
}
