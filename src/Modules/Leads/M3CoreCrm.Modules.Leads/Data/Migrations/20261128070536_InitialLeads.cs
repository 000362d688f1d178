using System;
using System.Collections.Generic;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "leads");

            // Trigram search (gin_trgm_ops) and a leading uuid column in GIN indexes (btree_gin): both trusted extensions.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gin;");

            migrationBuilder.CreateTable(
                name: "assignment_rules",
                schema: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    sources = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignment_rules", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_assignment_rules_members", "(group_id IS NULL) <> (cardinality(user_ids) = 0)");
                });

            migrationBuilder.CreateTable(
                name: "leads",
                schema: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    full_name = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unqualified_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    budget_min = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    budget_max = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    budget_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    interest_project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    interest_unit_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    interest_bedrooms = table.Column<int>(type: "integer", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    converted_contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    converted_company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false, computedColumnSql: "first_name || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')", stored: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_leads_budget_positive", "(budget_min IS NULL OR budget_min >= 0) AND (budget_max IS NULL OR budget_max >= 0)");
                    table.CheckConstraint("ck_leads_budget_range", "budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max");
                });

            migrationBuilder.CreateTable(
                name: "assignment_cursors",
                schema: "leads",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignment_cursors", x => new { x.tenant_id, x.rule_id });
                    table.ForeignKey(
                        name: "fk_assignment_cursors_assignment_rules_tenant_id_rule_id",
                        columns: x => new { x.tenant_id, x.rule_id },
                        principalSchema: "leads",
                        principalTable: "assignment_rules",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assignment_rules_tenant_id_priority_created_at",
                schema: "leads",
                table: "assignment_rules",
                columns: new[] { "tenant_id", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_contact",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "converted_contact_id" },
                filter: "converted_contact_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_created",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_email",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "normalized_email" },
                filter: "normalized_email IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_name",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "full_name", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_owner_created",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "owner_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_phone",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "phone" },
                filter: "phone IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_search",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "search_text" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_source_created",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "source", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_status_created",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "status", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_tags",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "tags" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "array_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_updated",
                schema: "leads",
                table: "leads",
                columns: new[] { "tenant_id", "updated_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.EnableTenantRowLevelSecurity("leads", "leads");
            migrationBuilder.EnableTenantRowLevelSecurity("leads", "assignment_rules");
            migrationBuilder.EnableTenantRowLevelSecurity("leads", "assignment_cursors");

            // Row-level security keeps non-LEAKPROOF conditions (ILIKE, array containment) from being index conditions, so
            // under RLS the trigram and tag indexes would never serve q or tags. This function runs the search as the
            // owner (SECURITY DEFINER), takes the tenant from app.tenant_id itself, and returns ids that the caller's
            // RLS-protected query then reads. The owner needs a SELECT policy of its own for that.
            migrationBuilder.Sql("""
                CREATE POLICY definer_search ON leads.leads AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);

                CREATE OR REPLACE FUNCTION leads.match_lead_ids(pattern text, required_tags text[])
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
                    RETURN QUERY EXECUTE query USING tenant, pattern, required_tags;
                END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS leads.match_lead_ids(text, text[]);");

            migrationBuilder.DropTable(
                name: "assignment_cursors",
                schema: "leads");

            migrationBuilder.DropTable(
                name: "leads",
                schema: "leads");

            migrationBuilder.DropTable(
                name: "assignment_rules",
                schema: "leads");
        }
    }
}
