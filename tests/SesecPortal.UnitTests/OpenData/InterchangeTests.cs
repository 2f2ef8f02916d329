using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.UnitTests.OpenData;

public sealed class InterchangeTests
{
    [Fact]
    public void Every_standard_code_the_corpus_generator_writes_parses()
    {
        var script = FindScript();
        var start = new ProcessStartInfo("python3") { ArgumentList = { script, "--articles", "0", "--standards", "3000", "--policies", "0" }, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var codes = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            codes.Add(doc.RootElement.GetProperty("code").GetString()!);
        }

        process.WaitForExit();
        codes.Where(c => !StandardCode.TryParse(c, out _)).Distinct().Take(20).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("JGJ/T 382-2020", "JGJ/T 382-2020")]
    [InlineData("CJJ/T 1-2019", "CJJ/T 1-2019")]
    [InlineData("tc260-pg-20212a", "TC260-PG-20212A")]
    public void Parses_three_letter_sector_codes_and_practice_guidelines(string text, string canonical) =>
        StandardCode.Parse(text).Canonical.ShouldBe(canonical);

    [Fact]
    public async Task Reader_reports_long_lines_and_bad_utf8_and_reads_on()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(new string('x', 100) + "\n"), 0xC3, 0x28, (byte)'\n', .. Encoding.UTF8.GetBytes("{}\r\n\n{\"a\":1}")];
        var lines = new List<RawLine>();
        await foreach (var line in JsonLinesReader.ReadAsync(new MemoryStream(bytes), 50, ct: TestContext.Current.CancellationToken))
        {
            lines.Add(line);
        }

        lines.Select(l => l.Number).ShouldBe([1, 2, 3, 5]);
        lines[0].Error!.ShouldContain("limited to 50 bytes");
        lines[1].Error!.ShouldContain("not UTF-8");
        lines[2].Text.ShouldBe("{}");
        lines[3].Text.ShouldBe("{\"a\":1}");
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "corpus.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/bench/corpus.py was not found beside the repository.");
    }
}
