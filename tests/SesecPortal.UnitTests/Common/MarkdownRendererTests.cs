using System.Text.RegularExpressions;
using SesecPortal.Application.Common;

namespace SesecPortal.UnitTests.Common;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer renderer = new();

    [Fact]
    public void Renders_lists_and_tables()
    {
        var html = renderer.ToHtml("- one\n- two\n\n| No. | Sectors |\n|---|---|\n| 1 | Agriculture |");

        html.ShouldContain("<li>one</li>");
        html.ShouldContain("<table>");
        html.ShouldContain("<td>Agriculture</td>");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    public void Removes_script_from_markdown(string markdown)
    {
        var html = renderer.ToHtml(markdown);

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("javascript:", Case.Insensitive);
        Regex.IsMatch(html, @"<[^>]*\son\w+\s*=", RegexOptions.IgnoreCase).ShouldBeFalse(html);
    }

    [Fact]
    public void Keeps_harmless_inline_html()
    {
        renderer.ToHtml("7 kgCO<sub>2</sub>/(m<sup>2</sup>·a)").ShouldContain("<sub>2</sub>");
    }

    [Fact]
    public void External_links_do_not_leak_the_opener()
    {
        renderer.ToHtml("<https://www.gov.cn/>").ShouldContain("rel=\"noopener noreferrer\"");
    }

    [Fact]
    public void Empty_markdown_renders_nothing()
    {
        renderer.ToHtml(null).ShouldBe("");
    }
}
