using System;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "inventory");

            migrationBuilder.CreateTable(
                name: "projects",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    developer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    handover_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "buildings",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    floors = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_buildings", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_buildings_floors", "floors > 0");
                    table.ForeignKey(
                        name: "fk_buildings_projects_tenant_id_project_id",
                        columns: x => new { x.tenant_id, x.project_id },
                        principalSchema: "inventory",
                        principalTable: "projects",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "units",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    floor = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    bedrooms = table.Column<int>(type: "integer", nullable: false),
                    bathrooms = table.Column<int>(type: "integer", nullable: false),
                    area = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    view = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    orientation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    list_price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hold_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_units_area", "area > 0");
                    table.CheckConstraint("ck_units_price", "list_price >= 0");
                    table.CheckConstraint("ck_units_rooms", "bedrooms >= 0 AND bathrooms >= 0");
                    table.ForeignKey(
                        name: "fk_units_buildings_tenant_id_building_id",
                        columns: x => new { x.tenant_id, x.building_id },
                        principalSchema: "inventory",
                        principalTable: "buildings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_units_projects_tenant_id_project_id",
                        columns: x => new { x.tenant_id, x.project_id },
                        principalSchema: "inventory",
                        principalTable: "projects",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_claims",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    deposit_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    payment_plan = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_claims", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_unit_claims_hold_expiry", "kind <> 'Hold' OR expires_at IS NOT NULL");
                    table.CheckConstraint("ck_unit_claims_reservation_deal", "kind <> 'Reservation' OR deal_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_unit_claims_units_tenant_id_unit_id",
                        columns: x => new { x.tenant_id, x.unit_id },
                        principalSchema: "inventory",
                        principalTable: "units",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_buildings_tenant_id_created_at_id",
                schema: "inventory",
                table: "buildings",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_tenant_id_project_id_name_id",
                schema: "inventory",
                table: "buildings",
                columns: new[] { "tenant_id", "project_id", "name", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_projects_tenant_id_created_at_id",
                schema: "inventory",
                table: "projects",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_projects_tenant_id_name_id",
                schema: "inventory",
                table: "projects",
                columns: new[] { "tenant_id", "name", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_unit_claims_active_holds",
                schema: "inventory",
                table: "unit_claims",
                columns: new[] { "tenant_id", "expires_at" },
                filter: "status = 'Active' AND kind = 'Hold'");

            migrationBuilder.CreateIndex(
                name: "ix_unit_claims_tenant_id_deal_id",
                schema: "inventory",
                table: "unit_claims",
                columns: new[] { "tenant_id", "deal_id" },
                filter: "deal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_unit_claims_tenant_id_kind_created_at_id",
                schema: "inventory",
                table: "unit_claims",
                columns: new[] { "tenant_id", "kind", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_unit_claims_tenant_id_unit_id_created_at_id",
                schema: "inventory",
                table: "unit_claims",
                columns: new[] { "tenant_id", "unit_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_unit_claims_active",
                schema: "inventory",
                table: "unit_claims",
                columns: new[] { "tenant_id", "unit_id" },
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_units_stats",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "project_id", "building_id", "status", "currency" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "list_price" });

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_area_id",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "area", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_code_id",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "code", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_created_at_id",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_list_price_id",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "list_price", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_project_id_status_type_bedrooms",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "project_id", "status", "type", "bedrooms" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_units_tenant_id_status_type_bedrooms",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "status", "type", "bedrooms" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_units_building_code",
                schema: "inventory",
                table: "units",
                columns: new[] { "tenant_id", "building_id", "code" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("inventory", "projects");
            migrationBuilder.EnableTenantRowLevelSecurity("inventory", "buildings");
            migrationBuilder.EnableTenantRowLevelSecurity("inventory", "units");
            migrationBuilder.EnableTenantRowLevelSecurity("inventory", "unit_claims");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_claims",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "units",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "buildings",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "projects",
                schema: "inventory");
        }
    }
}
