using M3CoreCrm.Modules.Inventory.Features.Bookings;
using M3CoreCrm.Modules.Inventory.Features.Units;

namespace M3CoreCrm.UnitTests.Inventory;

public sealed class InventoryRulesTests
{
    [Theory]
    [InlineData("{floor}{index:00}", 12, 3, "1203")]
    [InlineData("{floor}{index:00}", 3, 11, "311")]
    [InlineData("T1-{floor:000}-{index}", 7, 2, "T1-007-2")]
    [InlineData("V{floor}-{index:00}", 1, 36, "V1-36")]
    public void Codes_follow_the_pattern(string pattern, int floor, int index, string expected) =>
        Assert.Equal(expected, UnitRules.Code(pattern, floor, index));

    [Theory]
    [InlineData("{floor}{index:00}", true)]
    [InlineData("F{floor}", false)]
    [InlineData("{index}", false)]
    [InlineData("{floor}{index}{other}", false)]
    [InlineData("{floor}{index:x}", false)]
    [InlineData("", false)]
    public void Patterns_need_floor_and_index_and_nothing_else_in_braces(string pattern, bool valid) =>
        Assert.Equal(valid, UnitRules.IsValidPattern(pattern));

    [Theory]
    [InlineData(new[] { 10.0, 40.0, 50.0 }, true)]
    [InlineData(new[] { 10.0, 40.0, 49.0 }, false)]
    [InlineData(new[] { 33.33, 33.33, 33.34 }, true)]
    [InlineData(new[] { 60.0, 50.0 }, false)]
    public void A_payment_plan_sums_to_exactly_100(double[] percentages, bool valid)
    {
        var plan = percentages.Select((p, i) => new PaymentMilestone($"M{i}", (decimal)p, i == 0 ? new DateOnly(2027, 1, 1) : null, i == 0 ? null : "handover")).ToList();
        var result = new ReserveUnitValidator().Validate(new ReserveUnitRequest(Guid.NewGuid(), Guid.NewGuid(), 0m, plan));
        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void A_milestone_has_a_due_date_or_an_event_not_both()
    {
        var plan = new[] { new PaymentMilestone("All", 100m, new DateOnly(2027, 1, 1), "handover") };
        Assert.False(new ReserveUnitValidator().Validate(new ReserveUnitRequest(Guid.NewGuid(), Guid.NewGuid(), 0m, plan)).IsValid);
        Assert.False(new ReserveUnitValidator().Validate(new ReserveUnitRequest(Guid.NewGuid(), Guid.Empty, 0m, null)).IsValid);
    }
}
