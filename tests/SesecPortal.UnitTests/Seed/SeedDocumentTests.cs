using System.Text.RegularExpressions;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Seed;

namespace SesecPortal.UnitTests.Seed;

/// <summary>The structured seed against the newsletter text it was derived from.</summary>
public sealed partial class SeedDocumentTests
{
    private static readonly SeedDocument Seed = SeedLoader.ReadEmbedded();
    private static readonly Lazy<string> SourceText = new(() => Restored(Flatten(File.ReadAllText(FindSource()))));

    /// <summary>
    /// The sub- and superscripts the PDF extraction lost, where the meaning is certain, as the seed restores them: the
    /// unit of GB 55015-2021's carbon intensity is kilograms of CO₂ per square metre and year.
    /// </summary>
    private static readonly (string Extracted, string Restored)[] Restorations = [("kgCO/(m·a)", "kgCO₂/(m²·a)")];

    private static string Restored(string text) => Restorations.Aggregate(text, (t, r) => t.Replace(r.Extracted, r.Restored, StringComparison.Ordinal));

    [Fact]
    public void Holds_every_article_of_the_issue_in_its_section_order()
    {
        var issue = Seed.Issues.ShouldHaveSingleItem();

        issue.Title.ShouldBe("December 2021 – January 2022");
        issue.Sections.Select(s => s.Title).ShouldBe(
            ["Horizontal Issues", "Energy efficiency", "Carbon emission", "ICT and digitalization", "Intelligent manufacturing", "Cybersecurity", "Special report", "Annex"]);
        issue.Sections.SelectMany(s => s.Articles).ShouldBe(Seed.Articles.Select(a => a.Slug), ignoreOrder: true);
        Seed.Articles.Count.ShouldBe(13);
        issue.Takeaways.Count.ShouldBe(11);
    }

    [Fact]
    public void Article_titles_are_exactly_as_in_the_text()
    {
        foreach (var article in Seed.Articles)
        {
            SourceText.Value.ShouldContain(Flatten(article.Title), customMessage: $"article '{article.Slug}'");
        }
    }

    [Fact]
    public void Takeaways_are_exactly_as_in_the_text()
    {
        foreach (var takeaway in Seed.Issues.Single().Takeaways)
        {
            SourceText.Value.ShouldContain(Flatten(takeaway.Title));
            SourceText.Value.ShouldContain(Flatten(takeaway.Summary));
        }
    }

    [Fact]
    public void Policy_and_standard_titles_are_from_the_text()
    {
        foreach (var policy in Seed.Policies)
        {
            SourceText.Value.ShouldContain(Flatten(policy.Title).Replace("”", "", StringComparison.Ordinal).Split('“')[0], customMessage: policy.Slug);
        }

        foreach (var standard in Seed.Standards.Where(s => s.Code is not null))
        {
            SourceText.Value.ShouldContain(Flatten(standard.Code!), customMessage: standard.Code);
        }
    }

    [Fact]
    public void Names_every_standard_and_plan_number_of_the_text()
    {
        var codes = Seed.Standards.Where(s => s.Code is not null).Select(s => StandardCode.KeyOf(s.Code!)).ToHashSet();
        var inText = CodesInText().Matches(SourceText.Value).Select(m => StandardCode.KeyOf(m.Value)).Distinct().ToList();

        inText.ShouldNotBeEmpty();
        inText.Where(c => !codes.Contains(c)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_target_quotes_the_text_and_is_told_apart_by_owner_metric_and_unit()
    {
        Seed.Targets.Count.ShouldBeGreaterThan(30);
        foreach (var target in Seed.Targets)
        {
            SourceText.Value.ShouldContain(Flatten(target.Quote!), customMessage: target.Metric);
        }

        Seed.Targets.GroupBy(t => (t.Policy ?? t.Standard, t.Metric, t.Unit)).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void Every_standard_code_parses()
    {
        foreach (var standard in Seed.Standards.Where(s => s.Code is not null))
        {
            StandardCode.TryParse(standard.Code, out _).ShouldBeTrue(standard.Code);
        }
    }

    [Fact]
    public void Has_the_committee_tree_with_all_eight_working_groups()
    {
        var sc42 = Seed.WorkingGroups.Single(w => w.Slug == "tc28-sc42");

        sc42.Parent.ShouldBe("tc28");
        Seed.WorkingGroups.Count(w => w.Parent == "tc28-sc42" && w.Kind == "WorkingGroup").ShouldBe(8);
    }

    [Fact]
    public void Never_publishes_the_old_sites_editing_links()
    {
        var yaml = ReadYaml();

        yaml.ShouldNotContain("wp-admin");
        yaml.ShouldNotContain("post.php");
    }

    [Fact]
    public void Phone_numbers_appear_only_in_working_group_contacts()
    {
        var publicText = string.Join("\n", Seed.Articles.Select(a => a.Body + a.Summary)
            .Concat(Seed.WorkingGroups.Select(w => w.Focus ?? ""))
            .Concat(Seed.Issues.Select(i => i.About ?? "")));

        PhoneNumber().IsMatch(publicText).ShouldBeFalse();
        Seed.WorkingGroups.SelectMany(w => w.Contacts).SelectMany(c => c.Phones).ShouldContain("15624952070");
    }

    [Fact]
    public void Has_no_page_furniture_left()
    {
        var bodies = string.Join("\n", Seed.Articles.Select(a => a.Body));

        bodies.ShouldNotContain("SESEC IV China Standardisation Newsletter |");
        bodies.ShouldNotContain("Seconded European Standardisation Expert in China (SESEC) 1");
        bodies.ShouldNotContain("\uF0B7"); // the PDF's bullet glyph
        Regex.IsMatch(bodies, @"^\d{1,2}\.\s*$", RegexOptions.Multiline).ShouldBeFalse();
    }

    [Fact]
    public void Covers_the_sesec_priority_sectors_and_the_newsletters_hashtags()
    {
        var slugs = Seed.Sectors.Select(s => s.Slug).ToList();
        slugs.ShouldContain("ict");
        slugs.ShouldContain("energy-environment");
        slugs.ShouldContain("carbon");
        slugs.ShouldContain("cybersecurity");
        slugs.ShouldContain("intelligent-manufacturing");
        slugs.ShouldContain("digital-transformation");
        slugs.ShouldContain("iot");
        slugs.ShouldContain("smart-cities");
        slugs.ShouldContain("medical-devices");

        var hashtags = Seed.Sectors.SelectMany(s => s.Hashtags).ToHashSet();
        foreach (Match m in Hashtag().Matches(File.ReadAllText(FindSource())))
        {
            var tag = m.Value.Trim();
            var isFreeTag = Seed.Articles.Any(a => a.Tags.Contains(tag.TrimStart('#')));
            (hashtags.Contains(tag) || isFreeTag).ShouldBeTrue($"hashtag {tag}");
        }
    }

    [Fact]
    public void Every_relation_names_real_items_of_the_seed_with_a_known_type()
    {
        var policies = Seed.Policies.Select(p => p.Slug).ToHashSet();
        var groups = Seed.WorkingGroups.Select(w => w.Slug).ToHashSet();
        var organisations = Seed.Organisations.Select(o => o.Slug).ToHashSet();
        var standards = Seed.Standards.Where(s => s.Code is not null).Select(s => StandardCode.KeyOf(s.Code!))
            .Concat(Seed.Standards.Where(s => s.Slug is not null).Select(s => s.Slug!)).ToHashSet();

        bool Exists(SeedItemReference r) => r switch
        {
            { Policy: { } p } => policies.Contains(p),
            { Standard: { } s } => standards.Contains(StandardCode.KeyOf(s)) || standards.Contains(s),
            { WorkingGroup: { } w } => groups.Contains(w),
            { Organisation: { } o } => organisations.Contains(o),
            _ => false,
        };

        Seed.Relations.ShouldNotBeEmpty();
        foreach (var r in Seed.Relations)
        {
            var where = $"{r.Subject} {r.Type} {r.Target}";
            Enum.TryParse<RelationType>(r.Type, out _).ShouldBeTrue(where);
            Exists(r.Subject).ShouldBeTrue(where);
            Exists(r.Target).ShouldBeTrue(where);
        }

        Seed.Relations.Select(r => (r.Subject.ToString(), r.Type, r.Target.ToString())).ShouldBeUnique();
    }

    [Fact]
    public void The_critical_data_guideline_is_drafted_by_tc260_for_the_network_data_rules()
    {
        const string guideline = "information-security-technology-guideline-for-identification-of-critical-data";

        Seed.Relations.ShouldContain(r => r.Subject.Standard == guideline && r.Type == "DraftedBy" && r.Target.Organisation == "sac-tc260");
        Seed.Relations.ShouldContain(r => r.Subject.Standard == guideline && r.Type == "Implements" && r.Target.Policy == "administrative-rules-security-network-data");
    }

    private static string ReadYaml()
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(SeedLoader.NewsletterResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One line, single spaces: the PDF text breaks lines anywhere.</summary>
    [Fact]
    public void The_sub_and_superscripts_lost_in_extraction_are_restored_in_the_seed()
    {
        var yaml = SeedLoader.ReadEmbeddedText();
        foreach (var (extracted, restored) in Restorations)
        {
            yaml.ShouldNotContain(extracted);
            yaml.ShouldContain(restored);
        }
    }

    private static string Flatten(string text) => Whitespace().Replace(text, " ").Trim();

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds", "sesec-newsletter-2021-12.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/seeds/sesec-newsletter-2021-12.txt was not found beside the repository.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<!\d)(1\d{10}|010-\d{8})(?!\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"(?:\bGB(?:/T)? \d{5}-\d{4}|T/CESA \d{4}[-—]\d{4}|\b(?:19|20)\d{6}-T-\d{3}|CESA-\d{4}-\d-\d{3}|IEEE P\d{4}(?:\.\d)?|ISO/IEC (?:(?:TR|TS|WD) )?\d{4,5}(?:-\d)?)")]
    private static partial Regex CodesInText();

    [GeneratedRegex(@"#[A-Z][A-Za-z&]*(?: (?:[a-z&]+|[A-Z][a-z]+))*(?=\s|$)", RegexOptions.Multiline)]
    private static partial Regex Hashtag();
}
