using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Relations;

/// <summary>
/// The items of a kind an editor may mean by what they typed: a code however written, a slug or words of the title.
/// This is the lookup of the relation form, served without JavaScript.
/// </summary>
public static class FindRelationCandidates
{
    public const int MaxResults = 20;

    public sealed record Query(ItemKind Kind, string Text) : IQuery<IReadOnlyList<Candidate>>;

    public sealed record Candidate(ItemKind Kind, int Id, string Title, string Slug);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind).Must(k => RelationRules.Kinds.Contains(k)).WithMessage("Choose a policy, standard, committee or organisation.");
            RuleFor(q => q.Text).NotEmpty().WithMessage("Type a code, a slug or words of the title.")
                .MaximumLength(200).WithMessage("Type at most 200 characters.");
        }
    }

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Candidate>>
    {
        public async ValueTask<IReadOnlyList<Candidate>> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var text = query.Text.Trim();
            var like = EditorList.Pattern(text)!;
            var key = StandardCode.TryParse(text, out var code) ? code.Key : StandardCode.KeyOf(text);
            return query.Kind switch
            {
                ItemKind.Policy => await db.Policies.AsNoTracking()
                    .Where(p => p.Slug == text || EF.Functions.ILike(p.Title, like) || (p.DocumentNumber != null && EF.Functions.ILike(p.DocumentNumber, like)))
                    .OrderBy(p => p.Slug == text ? 0 : 1).ThenBy(p => p.Title).Take(MaxResults)
                    .Select(p => new Candidate(ItemKind.Policy, p.Id, p.Title, p.Slug)).ToListAsync(ct),
                ItemKind.Standard => await db.Standards.AsNoTracking()
                    .Where(s => s.Slug == text || (key.Length > 0 && s.CodeKey != null && s.CodeKey.StartsWith(key))
                        || (s.PlanCodeKey != null && s.PlanCodeKey == key) || EF.Functions.ILike(s.TitleEn, like))
                    .OrderBy(s => s.CodeKey == key || s.Slug == text ? 0 : 1).ThenBy(s => s.NormalizedCode).ThenBy(s => s.TitleEn).Take(MaxResults)
                    .Select(s => new Candidate(ItemKind.Standard, s.Id, s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, s.Slug)).ToListAsync(ct),
                ItemKind.WorkingGroup => await db.WorkingGroups.AsNoTracking()
                    .Where(w => w.Slug == text || EF.Functions.ILike(w.Name, like) || (w.Code != null && EF.Functions.ILike(w.Code, like)))
                    .OrderBy(w => w.Slug == text ? 0 : 1).ThenBy(w => w.Position).Take(MaxResults)
                    .Select(w => new Candidate(ItemKind.WorkingGroup, w.Id, w.Code == null ? w.Name : w.Code + " " + w.Name, w.Slug)).ToListAsync(ct),
                _ => await db.Organisations.AsNoTracking()
                    .Where(o => o.Slug == text || EF.Functions.ILike(o.Name, like) || (o.Abbreviation != null && EF.Functions.ILike(o.Abbreviation, like)))
                    .OrderBy(o => o.Slug == text || o.Abbreviation == text ? 0 : 1).ThenBy(o => o.Name).Take(MaxResults)
                    .Select(o => new Candidate(ItemKind.Organisation, o.Id, o.Abbreviation == null ? o.Name : o.Name + " (" + o.Abbreviation + ")", o.Slug)).ToListAsync(ct),
            };
        }
    }
}
