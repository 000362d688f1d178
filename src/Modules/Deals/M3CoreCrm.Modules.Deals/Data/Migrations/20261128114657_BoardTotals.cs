using System;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Deals.Data.Migrations
{
    /// <summary>
    /// deals.board_totals: count and amount of live deals per (tenant, pipeline, stage, currency, owner), kept exact by
    /// statement-level triggers on deals.deals, so the board sums a few rows instead of grouping every deal.
    /// <para>
    /// Statement-level with transition tables rather than per row: a statement's changes are netted per key first, so
    /// a title edit touches no total, a COPY of 50,000 deals is one upsert of a few rows, and the stage removal's
    /// bulk UPDATE is one upsert too. Every upsert takes its keys in one global order (ORDER BY the key), so two
    /// statements never lock the same totals in opposite orders: concurrent updates cannot deadlock on them.
    /// </para>
    /// <para>
    /// SECURITY INVOKER (the default), on purpose: the tenant of every total comes from the deal rows themselves, and
    /// the runtime role (NOBYPASSRLS) may only write deals of app.tenant_id, so the totals it writes always satisfy the
    /// board_totals policy's WITH CHECK (it has DML on the schema's tables). A SECURITY DEFINER function would need a
    /// bypass policy for the owner and could then write any tenant's totals; invoker rights keep RLS as the guard.
    /// The bench seeder's COPY runs as a superuser, which bypasses RLS on both tables.
    /// </para>
    /// <para>
    /// A key whose last deal left keeps a zero row (readers skip deal_count = 0): deleting it would race with a
    /// concurrent upsert of the same key for nothing. The backfill reads every tenant's deals, so it lifts FORCE RLS
    /// on deals.deals for the owner inside this migration's transaction (ALTER TABLE holds an exclusive lock until
    /// commit, so nothing else sees the gap) and runs before board_totals gets its policy.
    /// </para>
    /// </summary>
    public partial class BoardTotals : Migration
    {
        private const string Key = "tenant_id, pipeline_id, stage_id, currency, owner_id";

        private const string Upsert = $$"""
            ON CONFLICT ({{Key}}) DO UPDATE
                SET deal_count = t.deal_count + excluded.deal_count, amount_sum = t.amount_sum + excluded.amount_sum;
            """;

        private const string Triggers = $$"""
            CREATE FUNCTION deals.board_totals_apply() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO deals.board_totals AS t ({{Key}}, deal_count, amount_sum)
                    SELECT {{Key}}, count(*), sum(amount)
                      FROM new_rows WHERE deleted_at IS NULL
                     GROUP BY {{Key}} ORDER BY {{Key}}
                    {{Upsert}}
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO deals.board_totals AS t ({{Key}}, deal_count, amount_sum)
                    SELECT {{Key}}, -count(*), -sum(amount)
                      FROM old_rows WHERE deleted_at IS NULL
                     GROUP BY {{Key}} ORDER BY {{Key}}
                    {{Upsert}}
                ELSE
                    -- Subtract the old rows, add the new ones, net per key; keys that net to nothing are not touched.
                    INSERT INTO deals.board_totals AS t ({{Key}}, deal_count, amount_sum)
                    SELECT {{Key}}, sum(n), sum(a)
                      FROM (SELECT {{Key}}, -1 AS n, -amount AS a FROM old_rows WHERE deleted_at IS NULL
                            UNION ALL
                            SELECT {{Key}}, 1, amount FROM new_rows WHERE deleted_at IS NULL) AS changes
                     GROUP BY {{Key}}
                    HAVING sum(n) <> 0 OR sum(a) <> 0
                     ORDER BY {{Key}}
                    {{Upsert}}
                END IF;
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION deals.board_totals_truncate() RETURNS trigger
            LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp
            AS $fn$
            BEGIN
                TRUNCATE deals.board_totals;
                RETURN NULL;
            END
            $fn$;

            CREATE TRIGGER board_totals_insert AFTER INSERT ON deals.deals
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION deals.board_totals_apply();
            CREATE TRIGGER board_totals_update AFTER UPDATE ON deals.deals
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION deals.board_totals_apply();
            CREATE TRIGGER board_totals_delete AFTER DELETE ON deals.deals
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION deals.board_totals_apply();
            CREATE TRIGGER board_totals_truncate AFTER TRUNCATE ON deals.deals
                FOR EACH STATEMENT EXECUTE FUNCTION deals.board_totals_truncate();
            """;

        private const string Backfill = $$"""
            ALTER TABLE deals.deals NO FORCE ROW LEVEL SECURITY;
            INSERT INTO deals.board_totals ({{Key}}, deal_count, amount_sum)
            SELECT {{Key}}, count(*), sum(amount)
              FROM deals.deals WHERE deleted_at IS NULL
             GROUP BY {{Key}};
            ALTER TABLE deals.deals FORCE ROW LEVEL SECURITY;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "board_totals",
                schema: "deals",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_count = table.Column<int>(type: "integer", nullable: false),
                    amount_sum = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateIndex(
                name: "ux_board_totals_key",
                schema: "deals",
                table: "board_totals",
                columns: new[] { "tenant_id", "pipeline_id", "stage_id", "currency", "owner_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // Triggers first: CREATE TRIGGER locks deals.deals until commit, so no deal changes between them and the backfill.
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql(Backfill);
            migrationBuilder.EnableTenantRowLevelSecurity("deals", "board_totals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS board_totals_insert ON deals.deals;
                DROP TRIGGER IF EXISTS board_totals_update ON deals.deals;
                DROP TRIGGER IF EXISTS board_totals_delete ON deals.deals;
                DROP TRIGGER IF EXISTS board_totals_truncate ON deals.deals;
                DROP FUNCTION IF EXISTS deals.board_totals_apply();
                DROP FUNCTION IF EXISTS deals.board_totals_truncate();
                """);

            migrationBuilder.DropTable(
                name: "board_totals",
                schema: "deals");
        }
    }
}
