using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>Importing leads from a CSV file: the app sends it and shows the row report (created, duplicate, rejected).</summary>
[Collection("web")]
public sealed class ImportTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_csv_import_shows_its_row_report() => StepsAsync(nameof(A_csv_import_shows_its_row_report), async () =>
    {
        var tenant = await NewTenantAsync();
        var existing = $"existing.{Guid.NewGuid():N}@example.test";
        await CreateLeadThroughApiAsync(tenant, "Existing", "Buyer", existing);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // Row 1 is the header: rows 2 and 3 are new, row 4 repeats an existing lead, row 5 has neither email nor phone.
        var csv = string.Join('\n',
            "firstName,lastName,email,phone",
            $"Nadia,Imported{suffix},nadia.{suffix}@example.test,",
            $"Yousef,Imported{suffix},,+971502223344",
            $"Existing,Buyer,{existing},",
            $"Nobody,Reachable{suffix},,") + "\n";
        var file = Path.Combine(Path.GetTempPath(), $"leads-{suffix}.csv");
        await File.WriteAllTextAsync(file, csv);
        try
        {
            var app = await OpenAppAsync();
            await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
            await app.OpenAsync("Leads");

            await app.Button("Import CSV").ClickAsync();
            await Assertions.Expect(app.Dialog).ToBeVisibleAsync();
            await app.Dialog.GetByLabel("CSV file").SetInputFilesAsync(file);
            var import = await app.Page.RunAndWaitForResponseAsync(
                () => app.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Import", Exact = true }).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/leads/import", StringComparison.Ordinal));

            Assert.Equal(200, import.Status);
            var report = app.Page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Import report" });
            await Assertions.Expect(report).ToBeVisibleAsync();
            await Assertions.Expect(report).ToContainTextAsync("4 rows read: 2 created, 1 duplicates skipped, 1 rejected.");
            await Assertions.Expect(report).ToContainTextAsync("Row 4: same email as an existing lead.");
            await Assertions.Expect(report).ToContainTextAsync("Row 5");
        }
        finally
        {
            File.Delete(file);
        }
    });
}
