using FluentValidation;
using Mediator;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data.Configurations;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Renders Markdown as readers will see it (references linked, sanitised), for the editor's preview.</summary>
public static class PreviewMarkdown
{
    public sealed record Query(string? Markdown) : IQuery<Result>;

    public sealed record Result(string Html, IReadOnlyList<string> UnresolvedReferences);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Markdown).MaximumLength(Limits.Body);
    }

    public sealed class Handler(ReferenceResolver references, MarkdownRenderer markdown) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var labels = Domain.ArticleReferences.Find(query.Markdown);
            var targets = await references.ResolveAsync(labels, cancellationToken);
            var html = markdown.ToHtml(query.Markdown, l => targets.TryGetValue(Domain.ArticleReferences.KeyOf(l), out var t) ? t.Url : null);
            return new Result(html, [.. labels.Where(l => !targets.ContainsKey(Domain.ArticleReferences.KeyOf(l)))]);
        }
    }
}
