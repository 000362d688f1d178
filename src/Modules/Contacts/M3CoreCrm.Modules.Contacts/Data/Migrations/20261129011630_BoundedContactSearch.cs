using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Contacts.Data.Migrations
{
    /// <summary>
    /// Bounded overloads of contacts.match_contact_ids / match_company_ids (at most max_rows ids), to tell a search with
    /// few matches (read by id) from one with many (scanned in sort order with the search as a filter), and the search
    /// as an inlinable filter (see SearchFunctions.MatchesText). Same tenant rule as the unbounded ones: the tenant
    /// comes from app.tenant_id, none means no rows.
    /// </summary>
    public partial class BoundedContactSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BoundedMatchFunction("contacts", "match_contact_ids"));
            migrationBuilder.Sql(BoundedMatchFunction("companies", "match_company_ids"));
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION contacts.search_text_matches(search_text text, pattern text)
                RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $fn$ SELECT COALESCE(search_text LIKE pattern ESCAPE '\', false) $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS contacts.search_text_matches(text, text);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS contacts.match_contact_ids(text, text[], integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS contacts.match_company_ids(text, text[], integer);");
        }

        private static string BoundedMatchFunction(string table, string function) => $$"""
            CREATE OR REPLACE FUNCTION contacts.{{function}}(pattern text, required_tags text[], max_rows integer)
            RETURNS TABLE (id uuid)
            LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20
            SET search_path = pg_catalog, pg_temp
            AS $fn$
            DECLARE
                tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
                query text := 'SELECT t.id FROM contacts.{{table}} AS t WHERE t.tenant_id = $1 AND t.deleted_at IS NULL';
            BEGIN
                IF tenant IS NULL THEN
                    RETURN;
                END IF;
                IF pattern IS NOT NULL THEN
                    query := query || ' AND t.search_text LIKE $2 ESCAPE ''\''';
                END IF;
                IF required_tags IS NOT NULL AND cardinality(required_tags) > 0 THEN
                    query := query || ' AND t.tags @> $3';
                END IF;
                RETURN QUERY EXECUTE query || ' LIMIT $4' USING tenant, pattern, required_tags, greatest(max_rows, 0);
            END
            $fn$;
            """;
    }
}
