using System;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeysAndAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                schema: "identity",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                schema: "identity",
                table: "roles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "created_at",
                schema: "identity",
                table: "groups",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            // Existing groups get the migration's time; new rows always carry their own, as the model has no default.
            migrationBuilder.Sql("ALTER TABLE \"identity\".\"groups\" ALTER COLUMN created_at DROP DEFAULT;");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                schema: "identity",
                table: "groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_keys",
                schema: "identity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    hint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_tenant_id_display_name_id",
                schema: "identity",
                table: "users",
                columns: new[] { "tenant_id", "display_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_tenant_id_created_at_id",
                schema: "identity",
                table: "api_keys",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_tenant_id_role_id",
                schema: "identity",
                table: "api_keys",
                columns: new[] { "tenant_id", "role_id" });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_tenant_id_secret_hash",
                schema: "identity",
                table: "api_keys",
                columns: new[] { "tenant_id", "secret_hash" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("identity", "api_keys");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys",
                schema: "identity");

            migrationBuilder.DropIndex(
                name: "ix_users_tenant_id_display_name_id",
                schema: "identity",
                table: "users");

            migrationBuilder.DropColumn(
                name: "updated_at",
                schema: "identity",
                table: "users");

            migrationBuilder.DropColumn(
                name: "updated_at",
                schema: "identity",
                table: "roles");

            migrationBuilder.DropColumn(
                name: "created_at",
                schema: "identity",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "updated_at",
                schema: "identity",
                table: "groups");
        }
    }
}
