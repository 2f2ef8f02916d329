using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.UnitTests.Standards;

/// <summary>How an adoption's degree is read and how the editor's lists of drafters and drafting organisations are split.</summary>
public sealed class StandardRecordTests
{
    [Theory]
    [InlineData("IDT", AdoptionDegree.Identical)]
    [InlineData("mod", AdoptionDegree.Modified)]
    [InlineData(" NEQ ", AdoptionDegree.NotEquivalent)]
    [InlineData("Identical", AdoptionDegree.Identical)]
    public void A_degree_is_read_as_the_platform_writes_it_or_by_name(string text, AdoptionDegree expected)
    {
        Adoption.TryParseDegree(text, out var degree).ShouldBeTrue();
        degree.ShouldBe(expected);
        Adoption.TryParseDegree(Adoption.Abbreviation(expected), out var again).ShouldBeTrue();
        again.ShouldBe(expected);
    }

    [Theory]
    [InlineData("EQV")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    public void Anything_else_is_not_a_degree(string? text) => Adoption.TryParseDegree(text, out _).ShouldBeFalse();

    [Fact]
    public void Drafters_are_split_on_lines_commas_and_the_chinese_enumeration_comma()
    {
        EditStandard.DrafterNames("张三、李四，王五\nSmith, Jones; Jones").ShouldBe(["张三", "李四", "王五", "Smith", "Jones"]);
        EditStandard.DrafterNames(null).ShouldBeEmpty();
    }

    [Fact]
    public void Drafting_organisations_are_one_a_line_and_keep_their_commas()
    {
        EditStandard.OrganisationLines("China Academy of Building Research\r\n\n  Tsinghua University, School of Architecture \n")
            .ShouldBe(["China Academy of Building Research", "Tsinghua University, School of Architecture"]);
    }

    [Fact]
    public void An_adopted_code_is_keyed_however_it_is_typed()
    {
        StandardAdoption.KeyOf("ISO 9001:2015").ShouldBe("ISO90012015");
        StandardAdoption.Of(0, "  iso 9001 2015 ", AdoptionDegree.Identical).ShouldSatisfyAllConditions(
            a => a.Code.ShouldBe("iso 9001 2015"), a => a.CodeKey.ShouldBe("ISO90012015"));
    }
}
