using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Search;

public sealed partial class SearchPropertyTests
{
    private async Task<string> NewStandardAsync()
    {
        var (word, code) = (NewWord(), NewCode());
        var published = RandomDate();
        var status = Enum.GetValues<StandardStatus>()[random.Next(6)];
        var command = new EditStandard.Command
        {
            Code = code, TitleEn = Title(word), Status = status, PublishedOn = published, EffectiveOn = published.AddDays(random.Next(0, 700)),
            // Withdrawn on a day already past: a withdrawal still to come is left out, as the index reads a standard's
            // status from its stored status and effective date only (a standard withdrawn from next year counts as
            // withdrawn today there, while its page says it is in force until then).
            WithdrawnOn = status == StandardStatus.Withdrawn && random.Next(2) == 0 ? PastOrNone(published.AddDays(random.Next(0, 1400))) : null,
            SectorIds = SectorIds(),
        };
        var id = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "standard", Id = id, Url = await UrlAsync("standard", id), Word = word, Code = code, Live = true });
        return $"new standard {code} “{command.TitleEn}” ({status}) → {item}";
    }

    private async Task<string> RenameStandardAsync(Item standard)
    {
        var command = await SendAsync(new EditStandard.Query(standard.Id)) ?? throw new InvalidOperationException($"{standard} is gone.");
        var (word, code) = (NewWord(), NewCode());
        command.TitleEn = Title(word);
        command.Code = code;
        await AsAsync(Author, command);
        var was = $"{standard.Code} “{standard.Word}”";
        standard.Word = word;
        standard.Code = code;
        standard.ExternalId = null;
        Track(standard);
        return $"renamed {standard} from {was} to {code} “{command.TitleEn}”";
    }

    private async Task<string> DeleteStandardAsync(Item standard)
    {
        await AsAsync(Author, new DeleteStandard.Command(standard.Id));
        standard.Live = false;
        standard.Deleted = true;
        return $"deleted {standard}";
    }

    private async Task<string> NewPolicyAsync()
    {
        var word = NewWord();
        var command = new EditPolicy.Command
        {
            Title = $"Notice on {Title(word)}", Kind = Enum.GetValues<PolicyKind>()[random.Next(Enum.GetValues<PolicyKind>().Length)],
            Status = Enum.GetValues<PolicyStatus>()[random.Next(Enum.GetValues<PolicyStatus>().Length)],
            IssuedOn = random.Next(4) == 0 ? null : RandomDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SectorIds = SectorIds(),
        };
        var id = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "policy", Id = id, Url = await UrlAsync("policy", id), Word = word, Live = true });
        return $"new policy “{command.Title}” ({command.Status}, issued {command.IssuedOn ?? "undated"}) → {item}";
    }

    private async Task<string> RetitlePolicyAsync(Item policy)
    {
        var command = await SendAsync(new EditPolicy.Query(policy.Id)) ?? throw new InvalidOperationException($"{policy} is gone.");
        var word = NewWord();
        command.Title = $"Notice on {Title(word)}";
        await AsAsync(Author, command);
        var was = policy.Word;
        policy.Word = word;
        policy.ExternalId = null;
        Track(policy);
        return $"retitled {policy} from “{was}” to “{command.Title}”";
    }

    private async Task<string> DeletePolicyAsync(Item policy)
    {
        await AsAsync(Author, new DeletePolicy.Command(policy.Id));
        policy.Live = false;
        policy.Deleted = true;
        return $"deleted {policy}";
    }

    private async Task<string> NewPublishedArticleAsync()
    {
        var word = NewWord();
        var command = ArticleCommand(word, articleId: null, open: null);
        var saved = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "article", Id = saved.ArticleId, Url = await UrlAsync("article", saved.ArticleId), Word = word, OpenWord = word });
        await PublishOpenRevisionAsync(item);
        return $"new article “{command.Title}”, published → {item}";
    }

    private async Task<string> NewDraftArticleAsync()
    {
        var word = NewWord();
        var command = ArticleCommand(word, articleId: null, open: null);
        var saved = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "article", Id = saved.ArticleId, Url = await UrlAsync("article", saved.ArticleId), Word = word, OpenWord = word });
        return $"new draft article “{command.Title}”, not published → {item}";
    }

    /// <summary>A revision of a live article, saved and left unpublished: readers still see the live title.</summary>
    private async Task<string> SaveRevisionAsync(Item article)
    {
        var word = NewWord();
        var command = ArticleCommand(word, article.Id, await OpenRevisionAsync(article.Id));
        await AsAsync(Author, command);
        article.OpenWord = word;
        article.ExternalId = null;
        Track(article);
        return $"saved a revision “{command.Title}” of {article} without publishing it";
    }

    private async Task<string> ReviseAndPublishAsync(Item article)
    {
        var was = article.Word;
        var saved = await SaveRevisionAsync(article);
        await PublishOpenRevisionAsync(article);
        return $"{saved}, then published it (was “{was}”)";
    }

    private async Task<string> UnpublishAsync(Item article)
    {
        await AsAsync(Author, new UnpublishArticle.Command(article.Id));
        article.Live = false;
        article.ExternalId = null;
        // The live text stays the approved revision to publish again, unless a revision of it is already open.
        article.OpenWord ??= article.Word;
        return $"unpublished {article}";
    }

    private async Task<string> PublishAsync(Item article)
    {
        await PublishOpenRevisionAsync(article);
        return $"published {article} (“{article.Word}”)";
    }

    /// <summary>A few new items in a JSON Lines file, and now and then one imported before, again with a new title.</summary>
    private async Task<string> ImportAsync()
    {
        var lines = new List<(Item? Again, string Kind, string ExternalId, string Word, string? Code, string Json)>();
        var count = random.Next(1, 4);
        for (var n = 0; n < count; n++)
        {
            var kind = new[] { "article", "policy", "standard" }[random.Next(3)];
            lines.Add(ImportLine(null, kind, $"prop-{++imports}"));
        }

        if (Pick(items.Where(i => i.Live && i.ExternalId is not null)) is { } again)
        {
            lines.Add(ImportLine(again, again.Kind, again.ExternalId!));
        }

        var file = Encoding.UTF8.GetBytes(string.Join("\n", lines.Select(l => l.Json)) + "\n");
        var result = await SendAsync(new ImportContent.Command(new MemoryStream(file)));
        result.ErrorCount.ShouldBe(0, string.Join("; ", result.Errors.Select(e => $"line {e.Line}: {e.Message}")));

        await using var db = Fixture.Database.CreateDbContext();
        var described = new List<string>();
        foreach (var (itemAgain, kind, externalId, word, code, _) in lines)
        {
            if (itemAgain is not null)
            {
                described.Add($"{itemAgain} again as “{word}”{(code is null ? "" : $" {code}")} (was “{itemAgain.Word}”)");
                itemAgain.Word = word;
                itemAgain.Code = code ?? itemAgain.Code;
                Track(itemAgain);
                continue;
            }

            var id = kind switch
            {
                "article" => await db.Articles.Where(a => a.ExternalId == externalId).Select(a => a.Id).SingleAsync(Ct),
                "policy" => await db.Policies.Where(p => p.ExternalId == externalId).Select(p => p.Id).SingleAsync(Ct),
                _ => await db.Standards.Where(s => s.ExternalId == externalId).Select(s => s.Id).SingleAsync(Ct),
            };
            var item = Track(new Item { Kind = kind, Id = id, Url = await UrlAsync(kind, id), Word = word, Code = code, Live = true, ExternalId = externalId });
            described.Add($"{item} “{word}”{(code is null ? "" : $" {code}")}");
        }

        return $"imported {string.Join(", ", described)}";
    }

    private (Item? Again, string Kind, string ExternalId, string Word, string? Code, string Json) ImportLine(Item? again, string kind, string externalId)
    {
        var word = NewWord();
        var date = RandomDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = again?.Url[(again.Url.LastIndexOf('/') + 1)..] ?? $"imported-{word}";
        var line = new Dictionary<string, object?> { ["type"] = kind, ["id"] = externalId, ["slug"] = slug, ["sectors"] = new[] { sectors[random.Next(sectors.Count)].Slug } };
        string? code = null;
        switch (kind)
        {
            case "article":
                line["title"] = Title(word);
                line["summary"] = "A short takeaway for readers.";
                line["body"] = "The text of the article, in a few plain words.";
                line["published_on"] = date;
                break;
            case "policy":
                line["title"] = $"Notice on {Title(word)}";
                line["issued_on"] = date;
                line["summary"] = "What the notice asks for.";
                break;
            default:
                code = again?.Code ?? NewCode();
                line["code"] = code;
                line["title"] = Title(word);
                line["status"] = new[] { "draft", "under-development", "published", "effective", "superseded", "withdrawn" }[random.Next(6)];
                line["published_on"] = date;
                break;
        }

        return (again, kind, externalId, word, code, JsonSerializer.Serialize(line));
    }

    /// <summary>Submits, approves and publishes the article's open revision (starting one with the title it will show, if none is open).</summary>
    private async Task PublishOpenRevisionAsync(Item article)
    {
        for (var turn = 0; turn < 5; turn++)
        {
            var open = await OpenRevisionAsync(article.Id);
            if (open is null)
            {
                await AsAsync(Author, ArticleCommand(article.OpenWord ?? article.Word, article.Id, null));
                continue;
            }

            if (open.State == RevisionState.Approved)
            {
                await AsAsync(Reviewer, new PublishArticle.Command(article.Id, open.Id, open.Version));
                article.Word = article.OpenWord ?? article.Word;
                article.OpenWord = null;
                article.Live = true;
                Track(article);
                return;
            }

            var (user, action) = open.State == RevisionState.InReview ? (Reviewer, ReviewArticle.Action.Approve) : (Author, ReviewArticle.Action.Submit);
            await AsAsync(user, new ReviewArticle.Command { ArticleId = article.Id, RevisionId = open.Id, Version = open.Version, Do = action });
        }

        throw new InvalidOperationException($"{article} could not be published.");
    }

    private SaveArticle.Command ArticleCommand(string word, int? articleId, ArticleRevision? open) => new()
    {
        ArticleId = articleId,
        RevisionId = open?.Id,
        Version = open?.Version ?? 0,
        Title = Title(word),
        Summary = "A short takeaway for readers.",
        Body = "The text of the article, in a few plain words.",
        EventDate = random.Next(3) == 0 ? null : RandomDate().ToString("yyyy-MM", CultureInfo.InvariantCulture),
        SectorIds = SectorIds(),
    };

    private async Task<ArticleRevision?> OpenRevisionAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
            .SingleOrDefaultAsync(Ct);
    }
}
