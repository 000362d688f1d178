using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Leads.Data.Migrations
{
    /// <summary>
    /// A bounded overload of leads.match_lead_ids: the search asks for at most max_rows matches first, to tell a
    /// search with few matches (read by id) from one with many (scanned in sort order with the search as a filter).
    /// Same tenant rule as the unbounded one: the tenant comes from app.tenant_id, none means no rows.
    /// </summary>
    public partial class BoundedSearchMatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION leads.match_lead_ids(pattern text, required_tags text[], max_rows integer)
                RETURNS TABLE (id uuid)
                LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20
                SET search_path = pg_catalog, pg_temp
                AS $fn$
                DECLARE
                    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
                    query text := 'SELECT l.id FROM leads.leads AS l WHERE l.tenant_id = $1 AND l.deleted_at IS NULL';
                BEGIN
                    IF tenant IS NULL THEN
                        RETURN;
                    END IF;
                    IF pattern IS NOT NULL THEN
                        query := query || ' AND l.search_text ILIKE $2 ESCAPE ''\''';
                    END IF;
                    IF required_tags IS NOT NULL AND cardinality(required_tags) > 0 THEN
                        query := query || ' AND l.tags @> $3';
                    END IF;
                    RETURN QUERY EXECUTE query || ' LIMIT $4' USING tenant, pattern, required_tags, greatest(max_rows, 0);
                END
                $fn$;

                -- The search as a filter (see LeadSearch.MatchesText). Inlined by the planner as the COALESCE, which
                -- it estimates at one in two rows instead of guessing a long term to be rare.
                CREATE OR REPLACE FUNCTION leads.search_text_matches(search_text text, pattern text)
                RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $fn$ SELECT COALESCE(search_text ILIKE pattern ESCAPE '\', false) $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS leads.search_text_matches(text, text);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS leads.match_lead_ids(text, text[], integer);");
        }
    }
}
