using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Deals.Data.Migrations
{
    /// <summary>
    /// A deal's history keeps the names of the stages it left and entered as they were at the move, so a stage renamed
    /// or removed later does not rewrite the past. Existing rows get the stages' present names (the best that is
    /// known; a stage removed before this migration stays without a name). The backfill reads every tenant's rows, so
    /// it lifts FORCE RLS on both tables for the owner inside this migration's transaction (ALTER TABLE holds an
    /// exclusive lock until commit, so nothing else sees the gap).
    /// </summary>
    public partial class StageNamesOnHistory : Migration
    {
        private const string Backfill = """
            ALTER TABLE deals.deal_stage_history NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE deals.stages NO FORCE ROW LEVEL SECURITY;
            UPDATE deals.deal_stage_history AS h
               SET to_stage_name = s.name
              FROM deals.stages AS s
             WHERE s.tenant_id = h.tenant_id AND s.id = h.to_stage_id;
            UPDATE deals.deal_stage_history AS h
               SET from_stage_name = s.name
              FROM deals.stages AS s
             WHERE s.tenant_id = h.tenant_id AND s.id = h.from_stage_id;
            ALTER TABLE deals.stages FORCE ROW LEVEL SECURITY;
            ALTER TABLE deals.deal_stage_history FORCE ROW LEVEL SECURITY;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "from_stage_name",
                schema: "deals",
                table: "deal_stage_history",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "to_stage_name",
                schema: "deals",
                table: "deal_stage_history",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "from_stage_name",
                schema: "deals",
                table: "deal_stage_history");

            migrationBuilder.DropColumn(
                name: "to_stage_name",
                schema: "deals",
                table: "deal_stage_history");
        }
    }
}
