using System;
using System.Collections.Generic;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Contacts.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Trusted extensions (the owner role may create them): trigram search for q, and b-tree operator classes
            // so the GIN tag indexes can lead with tenant_id. Shared with other modules, so never dropped in Down.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gin;");

            migrationBuilder.EnsureSchema(
                name: "contacts");

            migrationBuilder.CreateTable(
                name: "companies",
                schema: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sort_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    phone_national_digits = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    address_country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_companies", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                schema: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sort_name = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    address_country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    source_lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "contact_emails",
                schema: "contacts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    normalized = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    label = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_emails", x => new { x.tenant_id, x.contact_id, x.position });
                    table.ForeignKey(
                        name: "fk_contact_emails_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalSchema: "contacts",
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_phones",
                schema: "contacts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    national_digits = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    label = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_phones", x => new { x.tenant_id, x.contact_id, x.position });
                    table.ForeignKey(
                        name: "fk_contact_phones_contacts_tenant_id_contact_id",
                        columns: x => new { x.tenant_id, x.contact_id },
                        principalSchema: "contacts",
                        principalTable: "contacts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_search_text",
                schema: "contacts",
                table: "companies",
                column: "search_text",
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_companies_tenant_id_created_at_id",
                schema: "contacts",
                table: "companies",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_companies_tenant_id_owner_id_created_at_id",
                schema: "contacts",
                table: "companies",
                columns: new[] { "tenant_id", "owner_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_companies_tenant_id_sort_name_id",
                schema: "contacts",
                table: "companies",
                columns: new[] { "tenant_id", "sort_name", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_companies_tenant_id_tags",
                schema: "contacts",
                table: "companies",
                columns: new[] { "tenant_id", "tags" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_companies_tenant_id_updated_at_id",
                schema: "contacts",
                table: "companies",
                columns: new[] { "tenant_id", "updated_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contact_emails_tenant_id_normalized",
                schema: "contacts",
                table: "contact_emails",
                columns: new[] { "tenant_id", "normalized" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_phones_tenant_id_number",
                schema: "contacts",
                table: "contact_phones",
                columns: new[] { "tenant_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_search_text",
                schema: "contacts",
                table: "contacts",
                column: "search_text",
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_company_id_created_at_id",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "company_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_created_at_id",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_owner_id_created_at_id",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "owner_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_sort_name_id",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "sort_name", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_tags",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "tags" },
                filter: "deleted_at IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_updated_at_id",
                schema: "contacts",
                table: "contacts",
                columns: new[] { "tenant_id", "updated_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.EnableTenantRowLevelSecurity("contacts", "contacts");
            migrationBuilder.EnableTenantRowLevelSecurity("contacts", "contact_emails");
            migrationBuilder.EnableTenantRowLevelSecurity("contacts", "contact_phones");
            migrationBuilder.EnableTenantRowLevelSecurity("contacts", "companies");

            // Row-level security keeps non-LEAKPROOF conditions (LIKE, array containment) from being used as index
            // conditions, so under RLS the trigram and tag indexes would never serve q or tags. These functions run the
            // search as the owner (SECURITY DEFINER), filter the tenant from app.tenant_id themselves, and return ids
            // that the caller's RLS-protected query then reads. The owner needs a SELECT policy of its own for that.
            migrationBuilder.Sql(MatchFunction("contacts", "match_contact_ids"));
            migrationBuilder.Sql(MatchFunction("companies", "match_company_ids"));
        }

        /// <summary>Ids of the current tenant's live rows matching a LIKE pattern on search_text and/or containing all tags.</summary>
        private static string MatchFunction(string table, string function) => $$"""
            CREATE POLICY definer_search ON contacts.{{table}} AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);

            CREATE OR REPLACE FUNCTION contacts.{{function}}(pattern text, required_tags text[])
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
                RETURN QUERY EXECUTE query USING tenant, pattern, required_tags;
            END
            $fn$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS contacts.match_contact_ids(text, text[]);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS contacts.match_company_ids(text, text[]);");

            migrationBuilder.DropTable(
                name: "companies",
                schema: "contacts");

            migrationBuilder.DropTable(
                name: "contact_emails",
                schema: "contacts");

            migrationBuilder.DropTable(
                name: "contact_phones",
                schema: "contacts");

            migrationBuilder.DropTable(
                name: "contacts",
                schema: "contacts");
        }
    }
}
