using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Deals.Data.Migrations
{
    /// <summary>
    /// The deal list's <c>q</c> on a trigram index of the title (tenant first: btree_gin). Row-level security keeps a
    /// non-LEAKPROOF ILIKE out of index conditions, so the search runs in deals.match_deal_ids as the owner (SECURITY
    /// DEFINER, with a SELECT policy of its own), which takes the tenant from app.tenant_id itself (none: no rows) and
    /// returns at most max_rows ids for the caller's RLS-protected query to read; deals.title_matches is the same test
    /// as a filter (see DealSearch). The leads' search does the same.
    /// </summary>
    public partial class DealTitleSearch : Migration
    {
        private const string Functions = """
            CREATE OR REPLACE FUNCTION deals.match_deal_ids(pattern text, max_rows integer)
            RETURNS TABLE (id uuid)
            LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20
            SET search_path = pg_catalog, pg_temp
            AS $fn$
            DECLARE
                tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
            BEGIN
                IF tenant IS NULL OR pattern IS NULL THEN
                    RETURN;
                END IF;
                RETURN QUERY EXECUTE
                    'SELECT d.id FROM deals.deals AS d WHERE d.tenant_id = $1 AND d.deleted_at IS NULL'
                    || ' AND d.title ILIKE $2 ESCAPE ''\'' LIMIT $3'
                    USING tenant, pattern, greatest(max_rows, 0);
            END
            $fn$;

            -- The search as a filter (see DealSearch.TitleMatches).
            CREATE OR REPLACE FUNCTION deals.title_matches(title text, pattern text)
            RETURNS boolean
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $fn$ SELECT COALESCE(title ILIKE pattern ESCAPE '\', false) $fn$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gin;");
            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_title_search",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "title" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "gin_trgm_ops" });

            migrationBuilder.Sql("CREATE POLICY definer_search ON deals.deals AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);");
            migrationBuilder.Sql(Functions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS deals.title_matches(text, text);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS deals.match_deal_ids(text, integer);");
            migrationBuilder.Sql("DROP POLICY IF EXISTS definer_search ON deals.deals;");
            migrationBuilder.DropIndex(
                name: "ix_deals_tenant_title_search",
                schema: "deals",
                table: "deals");
        }
    }
}
