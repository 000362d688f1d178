using System;
using System.Collections.Generic;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace M3CoreCrm.Modules.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "activities");

            migrationBuilder.CreateTable(
                name: "activities",
                schema: "activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    participant_user_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    participant_contact_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activities", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_activities_duration", "duration_minutes IS NULL OR duration_minutes >= 0");
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                schema: "activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reminder_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "activity_targets",
                schema: "activities",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_targets", x => new { x.tenant_id, x.activity_id, x.target_type, x.target_id });
                    table.ForeignKey(
                        name: "fk_activity_targets_activities_tenant_id_activity_id",
                        columns: x => new { x.tenant_id, x.activity_id },
                        principalSchema: "activities",
                        principalTable: "activities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_targets",
                schema: "activities",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_targets", x => new { x.tenant_id, x.task_id, x.target_type, x.target_id });
                    table.ForeignKey(
                        name: "fk_task_targets_tasks_tenant_id_task_id",
                        columns: x => new { x.tenant_id, x.task_id },
                        principalSchema: "activities",
                        principalTable: "tasks",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id_created_at_id",
                schema: "activities",
                table: "activities",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id_occurred_at_id",
                schema: "activities",
                table: "activities",
                columns: new[] { "tenant_id", "occurred_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id_owner_id_occurred_at_id",
                schema: "activities",
                table: "activities",
                columns: new[] { "tenant_id", "owner_id", "occurred_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id_task_id",
                schema: "activities",
                table: "activities",
                columns: new[] { "tenant_id", "task_id" },
                filter: "task_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activity_targets_tenant_id_target_type_target_id",
                schema: "activities",
                table: "activity_targets",
                columns: new[] { "tenant_id", "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_targets_tenant_id_target_type_target_id",
                schema: "activities",
                table: "task_targets",
                columns: new[] { "tenant_id", "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_tenant_id_assignee_id_status_due_at_id",
                schema: "activities",
                table: "tasks",
                columns: new[] { "tenant_id", "assignee_id", "status", "due_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_tenant_id_created_at_id",
                schema: "activities",
                table: "tasks",
                columns: new[] { "tenant_id", "created_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_tenant_id_due_at_id",
                schema: "activities",
                table: "tasks",
                columns: new[] { "tenant_id", "due_at", "id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.EnableTenantRowLevelSecurity("activities", "activities");
            migrationBuilder.EnableTenantRowLevelSecurity("activities", "activity_targets");
            migrationBuilder.EnableTenantRowLevelSecurity("activities", "tasks");
            migrationBuilder.EnableTenantRowLevelSecurity("activities", "task_targets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_targets",
                schema: "activities");

            migrationBuilder.DropTable(
                name: "task_targets",
                schema: "activities");

            migrationBuilder.DropTable(
                name: "activities",
                schema: "activities");

            migrationBuilder.DropTable(
                name: "tasks",
                schema: "activities");
        }
    }
}
