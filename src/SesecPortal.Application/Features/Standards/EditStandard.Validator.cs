using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

public static partial class EditStandard
{
    /// <summary>The editors' rules for a standard, in the order the form shows their fields.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            CodeSlugAndTitles(db);
            DatesAndReferences(db);
            AdoptionRules();
            RecordsAndDrafting();
            PlanTextAndSectors(db);
            ClassificationAndEvents();
        }

        /// <summary>The code and the slug (each the standard's own), the titles and the status.</summary>
        private void CodeSlugAndTitles(PortalDbContext db)
        {
            RuleFor(c => c.Code).Must(code => string.IsNullOrWhiteSpace(code) || StandardCode.TryParse(code, out _)).WithMessage(CodeMessage)
                .MustAsync(async (c, code, ct) =>
                {
                    if (!StandardCode.TryParse(code, out var parsed))
                    {
                        return true;
                    }

                    var key = parsed.Key;
                    return !await db.Standards.AnyAsync(s => s.CodeKey == key && s.Id != c.Id, ct);
                })
                .WithMessage(c => $"Another standard already has the code {StandardCode.Normalize(c.Code)}.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.Standards.AnyAsync(s => s.Slug == slug.Trim() && s.Id != c.Id, ct))
                .WithMessage("Another standard already uses this slug.");
            RuleFor(c => c.TitleEn).NotEmpty().WithMessage("Enter the standard's English title.")
                .MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
            RuleFor(c => c.TitleZh).MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose the standard's status.");
        }

        /// <summary>Dates in an order that can be, and the committee, issuer and replacement the portal knows.</summary>
        private void DatesAndReferences(PortalDbContext db)
        {
            RuleFor(c => c.EffectiveOn).Must((c, d) => d is null || c.PublishedOn is null || d >= c.PublishedOn)
                .WithMessage("The date it takes effect cannot be before the date it was published.");
            RuleFor(c => c.CommentDeadline).Must((c, d) => d is null || c.DraftedOn is null || d > c.DraftedOn)
                .WithMessage("The comment deadline must be after the date the draft was released.");
            RuleFor(c => c.WithdrawnOn).Must((c, d) => d is null || c.PublishedOn is null || d >= c.PublishedOn)
                .WithMessage("A standard cannot be withdrawn before it was published.");
            RuleFor(c => c.CommitteeId).MustAsync(async (id, ct) => id is null || await db.WorkingGroups.AnyAsync(w => w.Id == id, ct))
                .WithMessage("Choose a committee from the list.");
            RuleFor(c => c.IssuerId).MustAsync(async (id, ct) => id is null || await db.Organisations.AnyAsync(o => o.Id == id, ct))
                .WithMessage("Choose an issuer from the list.");
            RuleFor(c => c.ReplacedBy).MaximumLength(Limits.Slug)
                .CustomAsync(async (text, context, ct) =>
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return;
                    }

                    var found = await ByCodeOrSlug(db.Standards, text).Select(s => s.Id).ToListAsync(ct);
                    if (found.Count == 0)
                    {
                        context.AddFailure($"There is no standard with the code or slug “{QueryInput.Shorten(text.Trim())}”.");
                    }
                    else if (found.Contains(context.InstanceToValidate.Id ?? -1))
                    {
                        context.AddFailure("A standard cannot be replaced by itself.");
                    }
                });
        }

        /// <summary>Adoptions: each a code with its degree, each code once.</summary>
        private void AdoptionRules()
        {
            RuleFor(c => c.Adoptions).Must(rows => rows.Count(a => !a.Remove && !a.IsBlank) <= MaxAdoptions)
                .WithMessage($"A standard adopts at most {MaxAdoptions} other standards.")
                .Must(rows => rows.Where(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Code)).GroupBy(a => StandardAdoption.KeyOf(a.Code!)).All(g => g.Count() == 1))
                .WithMessage("Each adopted standard once: two rows give the same code.");
            RuleForEach(c => c.Adoptions).ChildRules(row =>
            {
                row.RuleFor(a => a.Code).NotEmpty().When(a => !a.Remove && a.Degree is not null)
                    .WithMessage("Give the code of the adopted standard (like ISO 9001:2015), or clear its degree.")
                    .MaximumLength(Limits.Code).WithMessage($"A code is at most {Limits.Code} characters.")
                    .Must(code => string.IsNullOrWhiteSpace(code) || StandardCode.KeyOf(code).Length > 0)
                    .WithMessage("An adopted standard's code has letters or digits, like ISO 9001:2015.");
                row.RuleFor(a => a.Degree).NotNull().When(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Code))
                    .WithMessage("Choose the degree of adoption: IDT (identical), MOD (modified) or NEQ (not equivalent).")
                    .IsInEnum().WithMessage(Adoption.DegreeMessage);
            });
        }

        /// <summary>Where its record and text are, and who drafted it.</summary>
        private void RecordsAndDrafting()
        {
            RuleFor(c => c.RecordUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The national platform record: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.FullTextUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The full-text reading page: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.PurchaseUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The purchase page: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.DraftingOrganisations)
                .Must(t => OrganisationLines(t).Count <= MaxDraftingOrganisations).WithMessage($"List at most {MaxDraftingOrganisations} drafting organisations.")
                .Must(t => OrganisationLines(t).All(o => o.Length <= Limits.Name)).WithMessage($"A drafting organisation's name is at most {Limits.Name} characters: one organisation a line.");
            RuleFor(c => c.Drafters)
                .Must(t => DrafterNames(t).Count <= MaxDrafters).WithMessage($"List at most {MaxDrafters} drafters.")
                .Must(t => DrafterNames(t).All(o => o.Length <= DrafterLength)).WithMessage($"A drafter's name is at most {DrafterLength} characters: one name a line, or separated by commas.");
            RuleFor(c => c.CompetentDepartment).MaximumLength(Limits.Name).WithMessage($"A department's name is at most {Limits.Name} characters.");
        }

        /// <summary>The plan number and deadline, the texts, and the sectors.</summary>
        private void PlanTextAndSectors(PortalDbContext db)
        {
            RuleFor(c => c.PlanCode)
                .Must(p => string.IsNullOrWhiteSpace(p) || (StandardCode.TryParse(p, out var plan) && plan.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan))
                .WithMessage("Enter a plan number like 20190805-T-469 (or CESA-2020-2-019 for an association's plan).");
            RuleFor(c => c.PlanDeadline)
                .Must((c, _) => (NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode)) is not null)
                .When(c => c.PlanDeadline is not null)
                .WithMessage("A deadline belongs to a national plan: enter its plan number (20190805-T-469) as the code or as the plan number first.")
                .Must((c, d) => (NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode)) is not { } plan || (d!.Value.Year >= plan.Year && d.Value.Year <= plan.Year + 10))
                .When(c => c.PlanDeadline is not null)
                .WithMessage(c => $"The deadline falls within ten years of the plan's year ({(NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode))?.Year}).");
            RuleFor(c => c.Summary).MaximumLength(Limits.Summary).WithMessage($"A summary is at most {Limits.Summary} characters.");
            RuleFor(c => c.EditionNote).MaximumLength(Limits.Summary)
                .WithMessage($"The note on what changed from the previous edition is at most {Limits.Summary} characters.");
            RuleFor(c => c.SectorIds).NotEmpty().WithMessage("Choose at least one sector: the sector pages and the finder list standards by sector.")
                .MustAsync(async (ids, ct) => await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("Choose sectors from the list.");
        }

        /// <summary>ICS and CCS codes, and the events.</summary>
        private void ClassificationAndEvents()
        {
            RuleFor(c => c.Ics).Custom((text, context) =>
            {
                var codes = Classification.SplitIcs(text);
                var unknown = codes.Where(code => !Classification.IsIcs(code)).ToList();
                if (unknown.Count > 0)
                {
                    context.AddFailure($"{string.Join(", ", unknown.Take(5).Select(u => $"“{QueryInput.Shorten(u)}”"))} {(unknown.Count == 1 ? "is not an ICS code" : "are not ICS codes")}. {Classification.IcsMessage}");
                }
                else if (codes.Count > Classification.MaxIcsCodes)
                {
                    context.AddFailure($"Give at most {Classification.MaxIcsCodes} ICS codes.");
                }
            });
            RuleFor(c => c.Ccs).Must(ccs => string.IsNullOrWhiteSpace(ccs) || Classification.TryParseCcs(ccs, out _)).WithMessage(Classification.CcsMessage);
            RuleFor(c => c.Events).Must(rows => rows.Count <= 100).WithMessage("A standard has at most 100 events.");
            RuleForEach(c => c.Events).ChildRules(row =>
            {
                row.RuleFor(e => e.Kind).IsInEnum().WithMessage("Choose what happened.");
                row.RuleFor(e => e.On).NotNull().When(e => !e.Remove && !e.IsBlank).WithMessage("Give the date of the event.");
                row.RuleFor(e => e.Note).MaximumLength(Limits.Title).WithMessage($"A note is at most {Limits.Title} characters.");
                row.RuleFor(e => e.Number).MaximumLength(Limits.Code).WithMessage($"An amendment number is at most {Limits.Code} characters.")
                    .Must((e, n) => string.IsNullOrWhiteSpace(n) || e.Kind == StandardEventKind.Amended || e.Remove)
                    .WithMessage("Only an amendment has a number of its own: choose Amended, or clear the number.");
                row.RuleFor(e => e.Conclusion).IsInEnum().WithMessage("Choose the review's conclusion: confirmed, revise or withdraw.");
                row.RuleFor(e => e.Conclusion).NotNull().When(e => e.Kind == StandardEventKind.Reviewed && !e.Remove && !e.IsBlank)
                    .WithMessage("Choose the review's conclusion: confirmed, revise or withdraw.");
                row.RuleFor(e => e.Conclusion).Null().When(e => e.Kind != StandardEventKind.Reviewed && !e.Remove)
                    .WithMessage("Only a periodic review has a conclusion: choose Reviewed, or clear the conclusion.");
            });
        }
    }
}
