using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace M3CoreCrm.Modules.Contacts.Data;

/// <summary>
/// The "contacts" schema: contacts with their email and phone slots, and companies. Every b-tree index leads with
/// tenant_id; list indexes are partial (live rows only) and end with the id, matching the keyset sorts; the trigram
/// indexes serve <c>q</c>, and GIN (tenant_id, tags) the tag filter.
/// </summary>
internal sealed class ContactsDbContext(DbContextOptions<ContactsDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "contacts";

    /// <summary>Live rows only: the list indexes are partial on this predicate, as the soft-delete filter is.</summary>
    internal const string LiveRows = "deleted_at IS NULL";

    public override string Schema => SchemaName;

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactEmail> ContactEmails => Set<ContactEmail>();

    public DbSet<ContactPhone> ContactPhones => Set<ContactPhone>();

    public DbSet<Company> Companies => Set<Company>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(SearchFunctions).GetMethod(nameof(SearchFunctions.MatchesText))!).HasName("search_text_matches").HasSchema(SchemaName);
        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts");
            contact.HasKey(c => new { c.TenantId, c.Id });
            contact.Property(c => c.FirstName).HasMaxLength(Limits.Name);
            contact.Property(c => c.LastName).HasMaxLength(Limits.Name);
            contact.Property(c => c.SortName).HasMaxLength((Limits.Name * 2) + 1);
            contact.Ignore(c => c.Address);
            Address(contact);
            contact.Property(c => c.Tags).HasColumnType("text[]");
            contact.Property(c => c.Version).IsRowVersion();
            contact.HasMany(c => c.Emails).WithOne().HasForeignKey(e => new { e.TenantId, e.ContactId }).OnDelete(DeleteBehavior.Cascade);
            contact.HasMany(c => c.Phones).WithOne().HasForeignKey(p => new { p.TenantId, p.ContactId }).OnDelete(DeleteBehavior.Cascade);
            ListIndexes(contact);
            contact.HasIndex(c => new { c.TenantId, c.CompanyId, c.CreatedAt, c.Id }).HasFilter(LiveRows);
        });

        modelBuilder.Entity<ContactEmail>(email =>
        {
            email.ToTable("contact_emails");
            email.HasKey(e => new { e.TenantId, e.ContactId, e.Position });
            email.Property(e => e.Address).HasMaxLength(Limits.Email);
            email.Property(e => e.Normalized).HasMaxLength(Limits.Email);
            email.Property(e => e.Label).HasConversion<string>().HasMaxLength(16);
            email.HasIndex(e => new { e.TenantId, e.Normalized });
        });

        modelBuilder.Entity<ContactPhone>(phone =>
        {
            phone.ToTable("contact_phones");
            phone.HasKey(p => new { p.TenantId, p.ContactId, p.Position });
            phone.Property(p => p.Number).HasMaxLength(Limits.Phone);
            phone.Property(p => p.NationalDigits).HasMaxLength(Limits.Phone);
            phone.Property(p => p.Label).HasConversion<string>().HasMaxLength(16);
            phone.HasIndex(p => new { p.TenantId, p.Number });
        });

        modelBuilder.Entity<Company>(company =>
        {
            company.ToTable("companies");
            company.HasKey(c => new { c.TenantId, c.Id });
            company.Property(c => c.Name).HasMaxLength(Limits.CompanyName);
            company.Property(c => c.SortName).HasMaxLength(Limits.CompanyName);
            company.Property(c => c.Domain).HasMaxLength(Limits.Domain);
            company.Property(c => c.Industry).HasMaxLength(Limits.Industry);
            company.Property(c => c.Phone).HasMaxLength(Limits.Phone);
            company.Property(c => c.PhoneNationalDigits).HasMaxLength(Limits.Phone);
            company.Ignore(c => c.Address);
            Address(company);
            company.Property(c => c.Tags).HasColumnType("text[]");
            company.Property(c => c.Version).IsRowVersion();
            ListIndexes(company);
        });
    }

    private static void Address<T>(EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.Property<string?>("AddressLine1").HasMaxLength(Limits.AddressLine);
        entity.Property<string?>("AddressLine2").HasMaxLength(Limits.AddressLine);
        entity.Property<string?>("AddressCity").HasMaxLength(Limits.AddressPart);
        entity.Property<string?>("AddressRegion").HasMaxLength(Limits.AddressPart);
        entity.Property<string?>("AddressPostalCode").HasMaxLength(Limits.PostalCode);
        entity.Property<string?>("AddressCountry").HasMaxLength(2).IsFixedLength();
    }

    /// <summary>The sort indexes (createdAt, updatedAt, name; id last), the owner index, trigram search and tags.</summary>
    private static void ListIndexes<T>(EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.HasIndex("TenantId", "CreatedAt", "Id").HasFilter(LiveRows);
        entity.HasIndex("TenantId", "UpdatedAt", "Id").HasFilter(LiveRows);
        entity.HasIndex("TenantId", "SortName", "Id").HasFilter(LiveRows);
        entity.HasIndex("TenantId", "OwnerId", "CreatedAt", "Id").HasFilter(LiveRows);
        entity.HasIndex("SearchText").HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter(LiveRows);
        entity.HasIndex("TenantId", "Tags").HasMethod("gin").HasFilter(LiveRows);
    }
}

/// <summary>Column limits, shared by the model and the validators.</summary>
internal static class Limits
{
    internal const int Name = 100;
    internal const int CompanyName = 200;
    internal const int Email = 254;
    internal const int Phone = 32;
    internal const int Domain = 253;
    internal const int Industry = 100;
    internal const int AddressLine = 200;
    internal const int AddressPart = 100;
    internal const int PostalCode = 20;
    internal const int Tag = 50;
    internal const int Tags = 50;
    internal const int Emails = 20;
    internal const int Phones = 20;
}

internal sealed class ContactsDesignTimeFactory : DesignTimeDbContextFactory<ContactsDbContext>;
