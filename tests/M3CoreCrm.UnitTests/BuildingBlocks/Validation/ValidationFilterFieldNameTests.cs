using M3CoreCrm.BuildingBlocks.Validation;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Validation;

public sealed class ValidationFilterFieldNameTests
{
    [Theory]
    [InlineData("Email", "email")]
    [InlineData("Budget.Min", "budget.min")]
    [InlineData("Emails[0]", "emails[0]")]
    [InlineData("Contacts[2].PhoneNumber", "contacts[2].phoneNumber")]
    [InlineData("firstName", "firstName")]
    [InlineData("", "")]
    public void Field_names_are_spelled_as_the_json_spells_them(string propertyPath, string expected)
    {
        Assert.Equal(expected, ValidationFilter<object>.FieldName(propertyPath));
    }
}
