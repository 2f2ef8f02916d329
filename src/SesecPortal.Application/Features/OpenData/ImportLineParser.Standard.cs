using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.OpenData;

// A standard's line: its fields in the order they are checked (and their faults reported).
public sealed partial class ImportLineParser
{
    private StandardLine? ParseStandard(int line, string? id, ImportFields f)
    {
        var code = f.String("code", Limits.Code);
        if (code is not null && !StandardCode.TryParse(code, out _))
        {
            f.Fail($"code “{Short(code)}”: {EditStandard.CodeMessage}");
        }

        var title = f.String("title", Limits.Title, required: true);
        var titleZh = f.String("title_zh", Limits.Title);
        var slug = Slug(f);
        var (statusWord, status) = StandardStatusOf(f);
        var (published, effective, withdrawn) = StandardDates(f, status);
        var issuer = f.String("issuer", Limits.Name);
        var scope = f.String("scope", Limits.Summary);
        var supersededBy = f.String("superseded_by", Limits.Code);
        if (supersededBy is not null && !StandardCode.TryParse(supersededBy, out _))
        {
            f.Fail($"superseded_by “{Short(supersededBy)}”: {EditStandard.CodeMessage}");
        }

        var sectors = Sectors(f, required: false);
        var adoptions = StandardLineLists.Adoptions(f, code);
        var recordUrl = WebAddress(f, "record_url");
        var fullTextUrl = WebAddress(f, "full_text_url");
        var purchaseUrl = WebAddress(f, "purchase_url");
        var (organisations, drafters) = Drafting(f);
        var department = f.String("competent_department", Limits.Name);
        var editionNote = f.String("edition_note", Limits.Summary);
        var (amendments, reviews) = StandardLineLists.Events(f);
        var (ics, ccs) = Classifications(f);
        var (planNumber, planDeadline) = Plan(f, code);
        var planStages = StandardLineLists.PlanStages(f);
        return id is null || title is null || slug is null || statusWord is null
            ? null
            : new StandardLine(line, id, slug, code?.Trim(), title.Trim(), titleZh?.Trim(), status, published, effective, withdrawn, issuer?.Trim(),
                scope?.Trim(), supersededBy?.Trim(), sectors)
            {
                Adoptions = adoptions, RecordUrl = recordUrl, FullTextUrl = fullTextUrl, PurchaseUrl = purchaseUrl,
                DraftingOrganisations = organisations, Drafters = drafters, CompetentDepartment = department?.Trim(),
                EditionNote = editionNote?.Trim(), Amendments = amendments, Reviews = reviews, Ics = ics, Ccs = ccs,
                PlanNumber = planNumber?.Trim(), PlanDeadline = planDeadline, PlanStages = planStages,
            };
    }

    /// <summary><c>status</c> (required): the word as written, and what it says (in force when it is missing or unknown).</summary>
    private static (string? Word, StandardStatus Status) StandardStatusOf(ImportFields f)
    {
        var statusWord = f.String("status", 40, required: true);
        var status = StandardStatus.InForce;
        if (statusWord is not null && !Interchange.TryParseStatus(statusWord, out status))
        {
            f.Fail($"status “{Short(statusWord)}” is not one of {string.Join(", ", Interchange.StatusWords)}.");
        }

        return (statusWord, status);
    }

    /// <summary><c>published_on</c>, <c>effective_on</c> and <c>withdrawn_on</c>, in an order that can be.</summary>
    private static (DateOnly? Published, DateOnly? Effective, DateOnly? Withdrawn) StandardDates(ImportFields f, StandardStatus status)
    {
        var published = f.Date("published_on");
        var effective = f.Date("effective_on");
        var withdrawn = f.Date("withdrawn_on");
        if (effective is not null && published is not null && effective < published && !Interchange.IsDraft(status))
        {
            f.Fail("effective_on: the date it takes effect cannot be before the date it was published.");
        }

        if (withdrawn is not null && published is not null && withdrawn < published)
        {
            f.Fail("withdrawn_on: a standard cannot be withdrawn before it was published.");
        }

        return (published, effective, withdrawn);
    }

    /// <summary><c>drafting_organisations</c> and <c>drafters</c>, each name once.</summary>
    private static (string[] Organisations, string[] Drafters) Drafting(ImportFields f)
    {
        var organisations = f.Strings("drafting_organisations", Limits.Name).Distinct(StringComparer.Ordinal).ToArray();
        if (organisations.Length > EditStandard.MaxDraftingOrganisations)
        {
            f.Fail($"drafting_organisations: list at most {EditStandard.MaxDraftingOrganisations}.");
        }

        var drafters = f.Strings("drafters", EditStandard.DrafterLength).Distinct(StringComparer.Ordinal).ToArray();
        if (drafters.Length > EditStandard.MaxDrafters)
        {
            f.Fail($"drafters: list at most {EditStandard.MaxDrafters}.");
        }

        return (organisations, drafters);
    }

    /// <summary><c>ics</c> (groups of the ICS, each once) and <c>ccs</c> (one CCS code, in its canonical form).</summary>
    private static (string[] Ics, string? Ccs) Classifications(ImportFields f)
    {
        var ics = f.Strings("ics", Limits.Code).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var unknown in ics.Where(c => !Classification.IsIcs(c)))
        {
            f.Fail($"ics “{Short(unknown)}” is not a group of the ICS (7th edition): {Classification.IcsMessage}");
        }

        if (ics.Length > Classification.MaxIcsCodes)
        {
            f.Fail($"ics: give at most {Classification.MaxIcsCodes} codes.");
        }

        var ccsText = f.String("ccs", Limits.Code);
        string? ccs = null;
        if (ccsText is not null && !Classification.TryParseCcs(ccsText, out ccs))
        {
            f.Fail($"ccs “{Short(ccsText)}”: {Classification.CcsMessage}");
        }

        return (ics, ccs);
    }

    /// <summary><c>plan_number</c> (a national or an association's plan) and <c>plan_deadline</c> (only with a national plan).</summary>
    private static (string? Number, DateOnly? Deadline) Plan(ImportFields f, string? code)
    {
        var planNumber = f.String("plan_number", Limits.Code);
        if (planNumber is not null && !(StandardCode.TryParse(planNumber, out var plan) && plan.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan))
        {
            f.Fail($"plan_number “{Short(planNumber)}” is not a plan number: write it like 20190805-T-469 (or CESA-2020-2-019 for an association's plan).");
        }

        var planDeadline = f.Date("plan_deadline");
        if (planDeadline is not null && (NationalPlan.Parse(code) ?? NationalPlan.Parse(planNumber)) is null)
        {
            f.Fail("plan_deadline: a deadline belongs to a national plan: give the plan number as the code or as plan_number.");
        }

        return (planNumber, planDeadline);
    }

    /// <summary>An optional http(s) address.</summary>
    private static string? WebAddress(ImportFields f, string name)
    {
        var text = f.String(name, Limits.Url);
        if (text is not null && !ReferenceData.IsWebAddress(text))
        {
            f.Fail($"{name} “{Short(text)}”: {ReferenceData.WebAddressMessage}");
            return null;
        }

        return text?.Trim();
    }
}
