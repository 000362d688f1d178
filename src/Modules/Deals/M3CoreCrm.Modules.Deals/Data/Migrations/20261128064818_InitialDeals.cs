using System;
using System.Collections.Generic;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Deals.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialDeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "deals");

            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");

            migrationBuilder.CreateTable(
                name: "pipelines",
                schema: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    group_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "stages",
                schema: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    rotting_days = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stages", x => new { x.tenant_id, x.id });
                    table.UniqueConstraint("ak_stages_tenant_id_pipeline_id_id", x => new { x.tenant_id, x.pipeline_id, x.id });
                    table.CheckConstraint("ck_stages_probability", "probability BETWEEN 0 AND 100");
                    table.CheckConstraint("ck_stages_rotting_days", "rotting_days IS NULL OR rotting_days > 0");
                    table.ForeignKey(
                        name: "fk_stages_pipelines_tenant_id_pipeline_id",
                        columns: x => new { x.tenant_id, x.pipeline_id },
                        principalSchema: "deals",
                        principalTable: "pipelines",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                schema: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    expected_close_date = table.Column<DateOnly>(type: "date", nullable: true),
                    expected_close_sort = table.Column<DateOnly>(type: "date", nullable: false, computedColumnSql: "COALESCE(expected_close_date, DATE '9999-12-31')", stored: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    lost_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    stage_entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deals", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_deals_amount", "amount >= 0");
                    table.CheckConstraint("ck_deals_status", "status IN ('Open', 'Won', 'Lost')");
                    table.ForeignKey(
                        name: "fk_deals_stages_tenant_id_pipeline_id_stage_id",
                        columns: x => new { x.tenant_id, x.pipeline_id, x.stage_id },
                        principalSchema: "deals",
                        principalTable: "stages",
                        principalColumns: new[] { "tenant_id", "pipeline_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deal_stage_history",
                schema: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from_pipeline_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from_stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deal_stage_history", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_deal_stage_history_deals_tenant_id_deal_id",
                        columns: x => new { x.tenant_id, x.deal_id },
                        principalSchema: "deals",
                        principalTable: "deals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deal_stage_history_tenant_id_deal_id_at_id",
                schema: "deals",
                table: "deal_stage_history",
                columns: new[] { "tenant_id", "deal_id", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_board",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "pipeline_id", "stage_id", "currency" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "amount", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_forecast",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "status", "expected_close_date" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "pipeline_id", "stage_id", "currency", "amount", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_amount_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "amount", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_company_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "company_id" },
                filter: "company_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_contact_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "contact_id" },
                filter: "contact_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_created_at_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_expected_close_sort_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "expected_close_sort", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_owner_id_created_at_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "owner_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_pipeline_id_created_at_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "pipeline_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_stage_id_created_at_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "stage_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_tenant_id_updated_at_id",
                schema: "deals",
                table: "deals",
                columns: new[] { "tenant_id", "updated_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_title_trgm",
                schema: "deals",
                table: "deals",
                column: "title",
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_tenant_id_default",
                schema: "deals",
                table: "pipelines",
                column: "tenant_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_tenant_id_name",
                schema: "deals",
                table: "pipelines",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("deals", "pipelines");
            migrationBuilder.EnableTenantRowLevelSecurity("deals", "stages");
            migrationBuilder.EnableTenantRowLevelSecurity("deals", "deals");
            migrationBuilder.EnableTenantRowLevelSecurity("deals", "deal_stage_history");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deal_stage_history",
                schema: "deals");

            migrationBuilder.DropTable(
                name: "deals",
                schema: "deals");

            migrationBuilder.DropTable(
                name: "stages",
                schema: "deals");

            migrationBuilder.DropTable(
                name: "pipelines",
                schema: "deals");
        }
    }
}
