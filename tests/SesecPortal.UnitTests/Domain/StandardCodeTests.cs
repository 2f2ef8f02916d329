using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

public sealed class StandardCodeTests
{
    [Theory]
    // Every code form the seed newsletter uses.
    [InlineData("GB 55015-2021", StandardLevel.MandatoryNational, "GB 55015-2021")]
    [InlineData("GB/T 50378-2019", StandardLevel.RecommendedNational, "GB/T 50378-2019")]
    [InlineData("GB/T 51141-2015", StandardLevel.RecommendedNational, "GB/T 51141-2015")]
    [InlineData("GB 51245-2017", StandardLevel.MandatoryNational, "GB 51245-2017")]
    [InlineData("T/CESA 1026—2018", StandardLevel.Association, "T/CESA 1026-2018")]
    [InlineData("T/CESA 1169-2021", StandardLevel.Association, "T/CESA 1169-2021")]
    [InlineData("T/CESA 1107—2020", StandardLevel.Association, "T/CESA 1107-2020")]
    [InlineData("20190805-T-469", StandardLevel.NationalPlan, "20190805-T-469")]
    [InlineData("20192137-T-469", StandardLevel.NationalPlan, "20192137-T-469")]
    [InlineData("CESA-2020-2-019", StandardLevel.AssociationPlan, "CESA-2020-2-019")]
    [InlineData("ISO/IEC TR 24372", StandardLevel.International, "ISO/IEC TR 24372")]
    [InlineData("ISO/IEC TS 4213", StandardLevel.International, "ISO/IEC TS 4213")]
    [InlineData("ISO/IEC 5259-4", StandardLevel.International, "ISO/IEC 5259-4")]
    [InlineData("ISO/IEC WD 5329", StandardLevel.International, "ISO/IEC WD 5329")]
    [InlineData("IEEE P2807.1", StandardLevel.International, "IEEE P2807.1")]
    [InlineData("IEEE P3110", StandardLevel.International, "IEEE P3110")]
    // Other levels the portal will hold.
    [InlineData("GB/Z 42125-2022", StandardLevel.GuidanceNational, "GB/Z 42125-2022")]
    [InlineData("YD/T 3627-2019", StandardLevel.Sector, "YD/T 3627-2019")]
    [InlineData("DB44/T 2426-2026", StandardLevel.Local, "DB44/T 2426-2026")]
    [InlineData("Q/HW 001-2020", StandardLevel.Enterprise, "Q/HW 001-2020")]
    [InlineData("ISO 14953-2:2015", StandardLevel.International, "ISO 14953-2:2015")]
    [InlineData("T/CCSA 329-2021", StandardLevel.Association, "T/CCSA 329-2021")]
    // Typed without the slash or the spaces, as readers do; two- and three-letter sector codes keep their level.
    [InlineData("TCESA1169", StandardLevel.Association, "T/CESA 1169")]
    [InlineData("tcesa 1026 2018", StandardLevel.Association, "T/CESA 1026-2018")]
    [InlineData("TSG 21-2016", StandardLevel.Sector, "TSG 21-2016")]
    [InlineData("TB 10001-2016", StandardLevel.Sector, "TB 10001-2016")]
    public void Parses_code_forms_to_their_level_and_canonical_spelling(string text, StandardLevel level, string canonical)
    {
        var code = StandardCode.Parse(text);

        code.Level.ShouldBe(level);
        code.Canonical.ShouldBe(canonical);
    }

    [Theory]
    [InlineData("GB/T50378-2019")]
    [InlineData("gbt 50378 2019")]
    [InlineData("GB/T 50378—2019")]
    [InlineData("  gb/t  50378-2019 ")]
    [InlineData("ＧＢ／Ｔ 50378-2019")]
    public void Reads_a_recommended_national_code_however_it_is_typed(string text)
    {
        StandardCode.Parse(text).Canonical.ShouldBe("GB/T 50378-2019");
    }

    [Fact]
    public void Finds_standard_when_code_uses_an_em_dash_or_a_hyphen()
    {
        StandardCode.KeyOf("T/CESA 1026—2018").ShouldBe(StandardCode.KeyOf("T/CESA 1026-2018"));
        StandardCode.Parse("t/cesa 1026-2018").Key.ShouldBe("TCESA10262018");
    }

    [Fact]
    public void Reads_a_plan_number_without_its_hyphens()
    {
        StandardCode.Parse("20190805T469").Canonical.ShouldBe("20190805-T-469");
    }

    [Fact]
    public void Keeps_the_year_and_number_apart()
    {
        var code = StandardCode.Parse("GB 55015-2021");

        code.Number.ShouldBe("55015");
        code.Year.ShouldBe(2021);
        code.Prefix.ShouldBe("GB");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello world")]
    [InlineData("'; DROP TABLE standards; --")]
    [InlineData("GB/")]
    [InlineData("12345")]
    public void Rejects_text_that_is_not_a_code(string text)
    {
        StandardCode.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => StandardCode.Parse(text));
    }

    [Fact]
    public void Rejects_a_code_longer_than_the_column()
    {
        StandardCode.TryParse("GB/T " + new string('1', 100), out _).ShouldBeFalse();
    }
}
