using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

internal static class ImporterExtensions
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : class =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, type);

    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type) : importer.WriteNullAsync();
}
