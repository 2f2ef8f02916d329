using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SesecPortal.Application.Seed;

/// <summary>
/// Loads the structured seed (the December 2021 – January 2022 issue) into the database. Idempotent: a record whose
/// slug already exists is left as it is (an editor may have changed it), so loading twice changes nothing.
/// </summary>
public sealed class SeedLoader(PortalDbContext db, ILogger<SeedLoader> logger)
{
    public const string NewsletterResource = "SesecPortal.Seed.sesec-newsletter-2021-12.yaml";

    public static SeedDocument ReadEmbedded(string resource = NewsletterResource) => Parse(ReadEmbeddedText(resource));

    /// <summary>The embedded seed's YAML text.</summary>
    public static string ReadEmbeddedText(string resource = NewsletterResource)
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed resource '{resource}' is not embedded in the application.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static SeedDocument Parse(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<SeedDocument>(yaml)
        ?? new SeedDocument();

    /// <returns>How many records were added.</returns>
    public async Task<int> LoadAsync(SeedDocument seed, CancellationToken ct)
    {
        var ctx = new SeedContext(seed);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Slug, ct);
        var position = sectors.Count;
        foreach (var s in seed.Sectors.Where(s => !sectors.ContainsKey(s.Slug)))
        {
            var sector = new Sector { Slug = s.Slug, Name = s.Name, Description = s.Description, Hashtags = s.Hashtags, Position = position++ };
            sectors[s.Slug] = sector;
            db.Sectors.Add(sector);
        }

        var orgSlugs = seed.Organisations.Select(o => o.Slug).ToList();
        var orgs = await db.Organisations.Where(o => orgSlugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, ct);
        var newOrgs = seed.Organisations.Where(o => !orgs.ContainsKey(o.Slug)).ToList();
        foreach (var o in newOrgs)
        {
            var org = new Organisation
            {
                Slug = o.Slug, Name = o.Name, Abbreviation = o.Abbreviation, Kind = ctx.Enum<OrganisationKind>(o.Kind, $"organisation {o.Slug}"),
                Description = o.Description, Website = ctx.Url(o.Website, $"organisation {o.Slug}"),
                Sectors = ctx.Sectors(sectors, o.Sectors, $"organisation {o.Slug}"),
            };
            orgs[o.Slug] = org;
            db.Organisations.Add(org);
        }

        foreach (var o in newOrgs.Where(o => o.Parent is not null))
        {
            orgs[o.Slug].Parent = ctx.Find(orgs, o.Parent, $"organisation {o.Slug} parent");
        }

        var groupSlugs = seed.WorkingGroups.Select(w => w.Slug).ToList();
        var groups = await db.WorkingGroups.Where(w => groupSlugs.Contains(w.Slug)).ToDictionaryAsync(w => w.Slug, ct);
        var newGroups = seed.WorkingGroups.Where(w => !groups.ContainsKey(w.Slug)).ToList();
        foreach (var (w, i) in newGroups.Select((w, i) => (w, i)))
        {
            var where = $"working group {w.Slug}";
            var group = new WorkingGroup
            {
                Slug = w.Slug, Code = w.Code, Name = w.Name, Kind = ctx.Enum<WorkingGroupKind>(w.Kind, where),
                Focus = w.Focus?.Trim(), EstablishedOn = ctx.Date(w.EstablishedOn, where), Position = i,
                Sectors = ctx.Sectors(sectors, w.Sectors, where),
                Members = [.. w.Members.Select((m, n) => new WorkingGroupMember
                {
                    Role = ctx.Enum<WorkingGroupRole>(m.Role, where), PersonName = m.Person, Position = n,
                    Organisation = m.Organisation is null ? null : ctx.Find(orgs, m.Organisation, $"{where} member"),
                })],
                Contacts = [.. w.Contacts.Select((c, n) => new WorkingGroupContact { Name = c.Name, Phones = c.Phones, IsSecretariat = c.Secretariat, Position = n })],
            };
            groups[w.Slug] = group;
            db.WorkingGroups.Add(group);
        }

        foreach (var w in newGroups.Where(w => w.Parent is not null))
        {
            groups[w.Slug].Parent = ctx.Find(groups, w.Parent, $"working group {w.Slug} parent");
        }

        // Standards are referred to by code (in any spelling) or by slug.
        var standardKeys = seed.Standards.Select(StandardKey).ToList();
        var standards = await db.Standards
            .Where(s => (s.CodeKey != null && standardKeys.Contains(s.CodeKey)) || standardKeys.Contains(s.Slug))
            .ToListAsync(ct);
        var standardsByKey = new Dictionary<string, Standard>(StringComparer.Ordinal);
        foreach (var s in standards)
        {
            standardsByKey[s.CodeKey ?? s.Slug] = s;
        }

        var newStandards = seed.Standards.Where(s => !standardsByKey.ContainsKey(StandardKey(s))).ToList();
        foreach (var s in newStandards)
        {
            var where = $"standard {s.Code ?? s.Slug}";
            var standard = new Standard
            {
                Slug = s.Slug ?? Slug.From(StandardCode.Normalize(s.Code) ?? s.Code ?? s.TitleEn),
                TitleEn = s.TitleEn, TitleZh = s.TitleZh, Status = ctx.Enum<StandardStatus>(s.Status, where),
                PublishedOn = ctx.Date(s.PublishedOn, where), EffectiveOn = ctx.Date(s.EffectiveOn, where),
                WithdrawnOn = ctx.Date(s.WithdrawnOn, where), CommentDeadline = ctx.Date(s.CommentDeadline, where),
                DraftedOn = ctx.Date(s.DraftedOn, where), Summary = s.Summary?.Trim(),
                Committee = s.Committee is null ? null : ctx.Find(groups, s.Committee, $"{where} committee"),
                Issuer = s.Issuer is null ? null : ctx.Find(orgs, s.Issuer, $"{where} issuer"),
                Sectors = ctx.Sectors(sectors, s.Sectors, where),
                Adoptions = [.. s.Adopts.Select((a, i) => StandardAdoption.Of(i, a.Code, Adoption.TryParseDegree(a.Degree, out var degree) ? degree : Unknown(a.Degree)))],
                RecordUrl = WebAddress(s.RecordUrl, $"{where} recordUrl"), FullTextUrl = WebAddress(s.FullTextUrl, $"{where} fullTextUrl"),
                PurchaseUrl = WebAddress(s.PurchaseUrl, $"{where} purchaseUrl"),
                DraftingOrganisations = [.. s.DraftingOrganisations.Select(o => o.Trim())], Drafters = [.. s.Drafters.Select(d => d.Trim())],
                CompetentDepartment = s.CompetentDepartment?.Trim(),
            };

            AdoptionDegree? Unknown(string degree)
            {
                ctx.Problem($"{where}: the degree of adoption “{degree}” is not IDT, MOD or NEQ.");
                return null;
            }

            string? WebAddress(string? url, string field)
            {
                if (url is not null && !ReferenceData.IsWebAddress(url))
                {
                    ctx.Problem($"{field}: {ReferenceData.WebAddressMessage}");
                }

                return url?.Trim();
            }
            if (s.Code is not null && !StandardCode.TryParse(s.Code, out _))
            {
                ctx.Problem($"{where}: the code does not parse.");
            }
            else
            {
                standard.SetCode(s.Code);
            }

            standardsByKey[StandardKey(s)] = standard;
            db.Standards.Add(standard);
        }

        foreach (var s in newStandards)
        {
            foreach (var replaced in s.Replaces)
            {
                ctx.FindStandard(standardsByKey, replaced, $"standard {s.Code} replaces")?.ReplacedBy = standardsByKey[StandardKey(s)];
            }
        }

        foreach (var w in newGroups)
        {
            var group = groups[w.Slug];
            var items = w.Achievements.Select(a => (Item: a, Stage: WorkItemStage.Achievement))
                .Concat(w.OngoingWork.Select(a => (Item: a, Stage: WorkItemStage.Ongoing)));
            var n = 0;
            foreach (var (item, stage) in items)
            {
                group.WorkItems.Add(new WorkItem
                {
                    Stage = stage, Category = ctx.Enum<WorkItemCategory>(item.Category, $"working group {w.Slug}"), Title = item.Title,
                    Note = item.Note, Position = n++,
                    Standard = item.Standard is null ? null : ctx.FindStandard(standardsByKey, item.Standard, $"working group {w.Slug} work item"),
                });
            }
        }

        var policySlugs = seed.Policies.Select(p => p.Slug).ToList();
        var policies = await db.Policies.Where(p => policySlugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        foreach (var p in seed.Policies.Where(p => !policies.ContainsKey(p.Slug)))
        {
            var where = $"policy {p.Slug}";
            var issued = ctx.PartialDate(p.IssuedOn, where);
            var policy = new Policy
            {
                Slug = p.Slug, Title = p.Title, Kind = ctx.Enum<PolicyKind>(p.Kind, where), Status = ctx.Enum<PolicyStatus>(p.Status, where),
                IssuedOn = issued?.Date, IssuedOnPrecision = issued?.Precision ?? DatePrecision.Day,
                CommentDeadline = ctx.Date(p.CommentDeadline, where), DocumentNumber = p.DocumentNumber, CoIssuers = p.CoIssuers,
                SourceUrl = ctx.Url(p.SourceUrl, where), Summary = p.Summary?.Trim(), Sectors = ctx.Sectors(sectors, p.Sectors, where),
                Authorities = [.. ctx.FindAll(orgs, p.Authorities, $"{where} authority").Select((o, i) => new PolicyAuthority { Organisation = o, Position = i })],
            };
            policies[p.Slug] = policy;
            db.Policies.Add(policy);
        }

        var articleSlugs = seed.Articles.Select(a => a.Slug).ToList();
        var articles = await db.Articles.Where(a => articleSlugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, ct);
        var newArticles = seed.Articles.Where(a => !articles.ContainsKey(a.Slug)).ToList();
        foreach (var a in newArticles)
        {
            var where = $"article {a.Slug}";
            var eventDate = ctx.PartialDate(a.EventDate, where);
            var article = new Article
            {
                Slug = a.Slug, Title = a.Title, Summary = a.Summary.Trim(), Body = a.Body.Trim(),
                EventDate = eventDate?.Date, EventDatePrecision = eventDate?.Precision ?? DatePrecision.Day,
                Status = PublicationStatus.Published, Tags = a.Tags,
                Sectors = ctx.Sectors(sectors, a.Sectors, where),
                SourceLinks = [.. a.SourceLinks.Select((l, i) => new ArticleSourceLink { Url = ctx.Url(l.Url, where) ?? "", Title = l.Title, Position = i })],
                Policies = ctx.FindAll(policies, a.Mentions.Policies, $"{where} mentions"),
                Standards = [.. a.Mentions.Standards.Select(s => ctx.FindStandard(standardsByKey, s, $"{where} mentions")).OfType<Standard>()],
                WorkingGroups = ctx.FindAll(groups, a.Mentions.WorkingGroups, $"{where} mentions"),
                Organisations = ctx.FindAll(orgs, a.Mentions.Organisations, $"{where} mentions"),
            };
            articles[a.Slug] = article;
            db.Articles.Add(article);
        }

        var issueSlugs = seed.Issues.Select(i => i.Slug).ToList();
        var existingIssues = await db.Issues.Where(i => issueSlugs.Contains(i.Slug)).Select(i => i.Slug).ToListAsync(ct);
        foreach (var i in seed.Issues.Where(i => !existingIssues.Contains(i.Slug)))
        {
            var where = $"issue {i.Slug}";
            var published = ctx.Date(i.PublishedOn, where);
            var issue = new NewsletterIssue
            {
                Slug = i.Slug, Series = i.Series, Title = i.Title, Number = i.Number,
                PeriodStart = ctx.Date(i.PeriodStart, where) ?? default, PeriodEnd = ctx.Date(i.PeriodEnd, where) ?? default,
                PublishedOn = published, Status = PublicationStatus.Published, About = i.About?.Trim(),
                Takeaways = [.. i.Takeaways.Select((t, n) => new IssueTakeaway
                {
                    Title = t.Title, Summary = t.Summary, Position = n,
                    Article = t.Article is null ? null : ctx.Find(articles, t.Article, $"{where} takeaway"),
                })],
            };
            foreach (var (s, n) in i.Sections.Select((s, n) => (s, n)))
            {
                var section = new IssueSection { Slug = s.Slug, Title = s.Title, Note = s.Note?.Trim(), Position = n };
                foreach (var (slug, p) in s.Articles.Select((slug, p) => (slug, p)))
                {
                    var article = ctx.Find(articles, slug, $"{where} section {s.Slug}");
                    if (article is not null && newArticles.Any(a => a.Slug == slug))
                    {
                        article.Section = section;
                        article.Position = p;
                        article.PublishedOn = published;
                    }
                }

                issue.Sections.Add(section);
            }

            db.Issues.Add(issue);
        }

        // Targets belong to a policy or a standard; one is new unless its owner already has that metric in that unit.
        var existingTargets = (await db.Targets.Select(t => new { Owner = t.Policy != null ? "p:" + t.Policy.Slug : "s:" + t.Standard!.Slug, t.Metric, t.Unit }).ToListAsync(ct))
            .Select(t => (t.Owner, t.Metric, t.Unit)).ToHashSet();
        foreach (var (t, n) in seed.Targets.Select((t, n) => (t, n)))
        {
            var where = $"target '{t.Metric}'";
            var policy = t.Policy is null ? null : ctx.Find(policies, t.Policy, where);
            var standard = t.Standard is null ? null : ctx.FindStandard(standardsByKey, t.Standard, where);
            if (policy is null && standard is null)
            {
                ctx.Problem($"{where}: it needs a policy or a standard.");
                continue;
            }

            var owner = policy is not null ? "p:" + policy.Slug : "s:" + standard!.Slug;
            if (existingTargets.Add((owner, t.Metric, t.Unit)))
            {
                db.Targets.Add(new PolicyTarget
                {
                    Policy = policy, Standard = standard, Metric = t.Metric, Value = t.Value, Unit = t.Unit,
                    Comparison = ctx.Enum<TargetComparison>(t.Comparison, where), TargetYear = t.TargetYear, Baseline = t.Baseline,
                    Quote = t.Quote, Position = n, Sectors = ctx.Sectors(sectors, t.Sectors, where),
                });
            }
        }

        // Relations name their ends by slug or code; ends are resolved now (so an unknown one is a problem of this load)
        // and stored by id once the new records have theirs.
        var links = new List<(ItemKind SubjectKind, object Subject, RelationType Type, ItemKind ObjectKind, object Object, string? Note)>();
        foreach (var (r, n) in seed.Relations.Select((r, n) => (r, n + 1)))
        {
            var where = $"relation {n} ({r.Subject} {r.Type} {r.Target})";
            var type = ctx.Enum<RelationType>(r.Type, where);
            var subject = ctx.Item(r.Subject, policies, standardsByKey, groups, orgs, $"{where} subject");
            var target = ctx.Item(r.Target, policies, standardsByKey, groups, orgs, $"{where} object");
            if (subject is { } s && target is { } o)
            {
                if (ReferenceEquals(s.Item, o.Item))
                {
                    ctx.Problem($"{where}: an item cannot be related to itself.");
                    continue;
                }

                links.Add((s.Kind, s.Item, type, o.Kind, o.Item, r.Note?.Trim()));
            }
        }

        ctx.ThrowIfProblems();
        var added = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(ct);
        added += await AddRelationsAsync(links, ct);

        await tx.CommitAsync(ct);
        int articleCount = newArticles.Count, standardCount = newStandards.Count;
        logger.LogInformation("Seed loaded: {Added} records added ({Articles} new articles, {Standards} new standards)", added, articleCount, standardCount);
        return added;
    }

    /// <summary>Adds the relations not already stored (one of each subject, type and object): loading twice adds none twice.</summary>
    private async Task<int> AddRelationsAsync(
        List<(ItemKind SubjectKind, object Subject, RelationType Type, ItemKind ObjectKind, object Object, string? Note)> links, CancellationToken ct)
    {
        if (links.Count == 0)
        {
            return 0;
        }

        var existing = (await db.Relations.Select(r => new { r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId }).ToListAsync(ct))
            .Select(r => (r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId)).ToHashSet();
        var added = 0;
        foreach (var l in links)
        {
            var key = (l.SubjectKind, IdOf(l.Subject), l.Type, l.ObjectKind, IdOf(l.Object));
            if (existing.Add(key))
            {
                db.Relations.Add(new Relation
                {
                    SubjectKind = key.SubjectKind, SubjectId = key.Item2, Type = key.Type, ObjectKind = key.ObjectKind, ObjectId = key.Item5, Note = l.Note,
                });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    private static int IdOf(object item) => item switch
    {
        Policy p => p.Id,
        Standard s => s.Id,
        WorkingGroup w => w.Id,
        Organisation o => o.Id,
        _ => throw new ArgumentException($"{item.GetType().Name} is not an item of the knowledge graph.", nameof(item)),
    };

    private static string StandardKey(SeedStandard s) => s.Code is null ? s.Slug ?? Slug.From(s.TitleEn) : StandardCode.KeyOf(s.Code);

    /// <summary>Collects every problem of a seed so one failed load names them all.</summary>
    private sealed class SeedContext(SeedDocument seed)
    {
        private readonly List<string> problems = [];

        public SeedDocument Seed { get; } = seed;

        public void Problem(string message) => problems.Add(message);

        public T Enum<T>(string value, string where) where T : struct, System.Enum
        {
            if (System.Enum.TryParse<T>(value, ignoreCase: false, out var result) && System.Enum.IsDefined(result))
            {
                return result;
            }

            Problem($"{where}: '{value}' is not a {typeof(T).Name}.");
            return default;
        }

        public DateOnly? Date(string? value, string where)
        {
            if (value is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem($"{where}: '{value}' is not a date (yyyy-MM-dd).");
            return null;
        }

        public PartialDate? PartialDate(string? value, string where)
        {
            if (value is null)
            {
                return null;
            }

            if (Domain.PartialDate.TryParse(value, out var date))
            {
                return date;
            }

            Problem($"{where}: '{value}' is not a date (yyyy-MM-dd or yyyy-MM).");
            return null;
        }

        public string? Url(string? value, string where)
        {
            if (value is null)
            {
                return null;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && !value.Contains("wp-admin", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }

            Problem($"{where}: '{value}' is not a public http(s) address.");
            return null;
        }

        public T? Find<T>(Dictionary<string, T> items, string? slug, string where) where T : class
        {
            if (slug is not null && items.TryGetValue(slug, out var item))
            {
                return item;
            }

            Problem($"{where}: '{slug}' is not in the seed.");
            return null;
        }

        /// <summary>The items named, leaving out (and reporting) any that are not in the seed.</summary>
        public List<T> FindAll<T>(Dictionary<string, T> items, IEnumerable<string> slugs, string where) where T : class =>
            [.. slugs.Select(s => Find(items, s, where)).OfType<T>()];

        public Standard? FindStandard(Dictionary<string, Standard> items, string codeOrSlug, string where)
        {
            if (items.TryGetValue(StandardCode.KeyOf(codeOrSlug), out var s) || items.TryGetValue(codeOrSlug, out s))
            {
                return s;
            }

            Problem($"{where}: standard '{codeOrSlug}' is not in the seed.");
            return null;
        }

        /// <summary>The item a relation end names: exactly one of policy, standard, working group or organisation.</summary>
        public (ItemKind Kind, object Item)? Item(
            SeedItemReference reference, Dictionary<string, Policy> policies, Dictionary<string, Standard> standards,
            Dictionary<string, WorkingGroup> groups, Dictionary<string, Organisation> orgs, string where)
        {
            var named = new[] { reference.Policy, reference.Standard, reference.WorkingGroup, reference.Organisation }.Count(x => x is not null);
            if (named != 1)
            {
                Problem($"{where}: name exactly one of policy, standard, workingGroup or organisation ({named} given).");
                return null;
            }

            (ItemKind, object)? Found(ItemKind kind, object? item) => item is null ? null : (kind, item);
            return reference switch
            {
                { Policy: { } p } => Found(ItemKind.Policy, Find(policies, p, where)),
                { Standard: { } s } => Found(ItemKind.Standard, FindStandard(standards, s, where)),
                { WorkingGroup: { } w } => Found(ItemKind.WorkingGroup, Find(groups, w, where)),
                { Organisation: { } o } => Found(ItemKind.Organisation, Find(orgs, o, where)),
                _ => null,
            };
        }

        public List<Sector> Sectors(Dictionary<string, Sector> sectors, List<string> slugs, string where) =>
            FindAll(sectors, slugs, $"{where} sector");

        public void ThrowIfProblems()
        {
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The seed has problems:\n- " + string.Join("\n- ", problems));
            }
        }
    }
}
