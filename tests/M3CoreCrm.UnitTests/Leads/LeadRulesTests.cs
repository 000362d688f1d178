using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Domain;
using M3CoreCrm.Modules.Leads.Features.Leads;

namespace M3CoreCrm.UnitTests.Leads;

public sealed class LeadRulesTests
{
    [Theory]
    [InlineData("+971 50 123 4567", "+971501234567")]
    [InlineData("+971-50-123-4567", "+971501234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 (202) 555-0143", "+12025550143")]
    public void International_numbers_normalize_to_E164(string input, string expected)
    {
        Assert.True(LeadRules.TryNormalizePhone(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("0501234567")]
    [InlineData("+97150123")]
    [InlineData("+971 50 123 4567 ext 5 and more digits")]
    [InlineData("call me")]
    [InlineData("+971\n501234567")]
    public void Local_short_or_garbled_numbers_are_refused(string input) =>
        Assert.False(LeadRules.TryNormalizePhone(input, out _));

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("Ann.Lee+vip@mail.example.ae", true)]
    [InlineData("ann@example", false)]
    [InlineData("ann example.com", false)]
    [InlineData("ann@@example.com", false)]
    [InlineData("<ann@example.com>", false)]
    public void Emails_are_plain_addresses(string email, bool valid) => Assert.Equal(valid, LeadRules.IsValidEmail(email));

    [Theory]
    [InlineData(0.01, true)]
    [InlineData(1_500_000.50, true)]
    [InlineData(1.005, false)]
    public void Money_has_at_most_two_decimals(double amount, bool fits) => Assert.Equal(fits, LeadRules.FitsMoney((decimal)amount));

    [Fact]
    public void Money_has_at_most_sixteen_integer_digits()
    {
        Assert.True(LeadRules.FitsMoney(9_999_999_999_999_999.99m));
        Assert.False(LeadRules.FitsMoney(10_000_000_000_000_000m));
    }

    [Theory]
    [InlineData("vip", true)]
    [InlineData("golden-visa", true)]
    [InlineData("Off Plan", true)]
    [InlineData("-leading", false)]
    [InlineData("semi;colon", false)]
    [InlineData("", false)]
    public void Tags_are_words(string tag, bool valid) => Assert.Equal(valid, LeadRules.IsValidTag(tag));

    [Theory]
    [InlineData("Zayed", "%Zayed%")]
    [InlineData("50%_off", "%50\\%\\_off%")]
    [InlineData("050 123 4567", "%501234567%")]
    [InlineData("+971 50", "%97150%")]
    [InlineData("(04)", "%(04)%")]
    public void Search_terms_become_escaped_contains_patterns(string q, string pattern)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(pattern, LeadFilter.SearchPattern(q, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Status_moves_only_along_the_transitions_and_unqualified_needs_a_reason()
    {
        var lead = Lead.Create(Details(), null, DateTimeOffset.UnixEpoch);
        lead.ChangeStatus(LeadStatus.Contacted, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => lead.ChangeStatus(LeadStatus.New, null, DateTimeOffset.UnixEpoch)).Status);
        Assert.Equal(400, Assert.Throws<ApiProblemException>(() => lead.ChangeStatus(LeadStatus.Unqualified, " ", DateTimeOffset.UnixEpoch)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => lead.ChangeStatus(LeadStatus.Converted, null, DateTimeOffset.UnixEpoch)).Status);

        lead.Convert(Guid.NewGuid(), null, DateTimeOffset.UnixEpoch);
        Assert.Equal("lead.already_converted", Assert.Throws<ApiProblemException>(() => lead.Convert(Guid.NewGuid(), null, DateTimeOffset.UnixEpoch)).Code);
    }

    [Fact]
    public void An_update_with_the_same_facts_changes_nothing()
    {
        var created = DateTimeOffset.UnixEpoch;
        var lead = Lead.Create(Details(), null, created);

        Assert.False(lead.Update(Details(), created.AddDays(1)));
        Assert.Equal(created, lead.UpdatedAt);
        Assert.True(lead.Update(Details() with { Notes = "changed" }, created.AddDays(1)));
        Assert.Equal(created.AddDays(1), lead.UpdatedAt);
    }

    [Fact]
    public void An_inverted_budget_is_refused_by_the_domain_too()
    {
        var problem = Assert.Throws<ApiProblemException>(() => Lead.Create(Details() with { BudgetMin = 10, BudgetMax = 5 }, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(400, problem.Status);
    }

    private static LeadDetails Details() => new(
        "Ann", "Lee", "ann@example.com", "+971501234567", LeadSource.Website, 100m, 200m, "AED", null, "villa", 3, null, ["vip"]);
}
