using Microsoft.EntityFrameworkCore.Migrations;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>The one line a migration adds for each tenant-owned table.</summary>
public static class RowLevelSecurity
{
    /// <summary>
    /// ENABLE + FORCE row-level security with the tenant policy. <c>current_setting</c> sits in a sub-select so
    /// PostgreSQL evaluates it once per statement; an unset tenant ('') matches no row.
    /// </summary>
    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string schema, string table)
    {
        var name = $"\"{schema}\".\"{table}\"";
        migrationBuilder.Sql($"""
            ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {name} FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant_isolation ON {name};
            CREATE POLICY tenant_isolation ON {name}
                USING (tenant_id = (SELECT NULLIF(current_setting('{TenantSetting.SettingName}', true), '')::uuid))
                WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('{TenantSetting.SettingName}', true), '')::uuid));
            """);
    }
}
