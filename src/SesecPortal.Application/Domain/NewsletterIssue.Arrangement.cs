namespace SesecPortal.Application.Domain;

/// <summary>
/// How an issue is arranged: sections in order, articles in order within them (moving off a section's end goes into the
/// next one), takeaways in order. Each change renumbers what it moved and says, for the audit, what it did.
/// </summary>
public sealed partial class NewsletterIssue
{
    private List<IssueSection> OrderedSections => [.. Sections.OrderBy(s => s.Position)];

    private List<IssueTakeaway> OrderedTakeaways => [.. Takeaways.OrderBy(t => t.Position)];

    public string AddSection(string title)
    {
        var slug = Domain.Slug.From(title);
        for (var n = 2; Sections.Any(s => s.Slug == slug); n++)
        {
            slug = $"{Domain.Slug.From(title)}-{n}";
        }

        Sections.Add(new IssueSection { Slug = slug, Title = title.Trim(), Position = Sections.Count });
        return $"added section “{title}”";
    }

    public static string RenameSection(IssueSection section, string title)
    {
        var detail = $"renamed section “{section.Title}” to “{title}”";
        section.Title = title.Trim();
        return detail;
    }

    public string MoveSection(IssueSection section, bool up)
    {
        var sections = OrderedSections;
        Move(sections, section, up ? -1 : 1);
        Renumber(sections, (s, i) => s.Position = i);
        return $"moved section “{section.Title}” {(up ? "up" : "down")}";
    }

    /// <summary>Only an empty section can go: its articles are moved or removed first.</summary>
    public string RemoveSection(IssueSection section)
    {
        if (section.Articles.Count > 0)
        {
            throw new WorkflowException($"“{section.Title}” still holds {section.Articles.Count} article(s): move or remove them first.");
        }

        Sections.Remove(section);
        Renumber(OrderedSections, (s, i) => s.Position = i);
        return $"removed section “{section.Title}”";
    }

    /// <summary>An article is in one issue at most; it goes at the end of the section.</summary>
    public static string AddArticle(IssueSection section, Article article)
    {
        if (article.SectionId is not null)
        {
            throw new WorkflowException($"“{article.Title}” is already in an issue: remove it there first.");
        }

        article.SectionId = section.Id;
        article.Position = section.Articles.Count == 0 ? 0 : section.Articles.Max(a => a.Position) + 1;
        return $"added “{article.Title}” to “{section.Title}”";
    }

    /// <summary>One place up or down; off the end of its section, into the neighbouring section if there is one.</summary>
    public string MoveArticle(Article article, bool up)
    {
        var sections = OrderedSections;
        var inSection = sections.Single(s => s.Articles.Contains(article));
        var ordered = inSection.Articles.OrderBy(a => a.Position).ToList();
        var index = ordered.IndexOf(article);
        if ((up && index == 0) || (!up && index == ordered.Count - 1))
        {
            if (sections.ElementAtOrDefault(sections.IndexOf(inSection) + (up ? -1 : 1)) is { } neighbour)
            {
                var there = neighbour.Articles.OrderBy(a => a.Position).ToList();
                inSection.Articles.Remove(article);
                neighbour.Articles.Add(article);
                article.SectionId = neighbour.Id;
                there.Insert(up ? there.Count : 0, article);
                Renumber(there, (a, i) => a.Position = i);
                Renumber(ordered.Where(a => a != article).ToList(), (a, i) => a.Position = i);
            }
        }
        else
        {
            Move(ordered, article, up ? -1 : 1);
            Renumber(ordered, (a, i) => a.Position = i);
        }

        return $"moved “{article.Title}” {(up ? "up" : "down")}";
    }

    public string RemoveArticle(Article article)
    {
        var from = Sections.Single(s => s.Articles.Contains(article));
        from.Articles.Remove(article);
        article.SectionId = null;
        Renumber(from.Articles.OrderBy(a => a.Position).ToList(), (a, i) => a.Position = i);
        return $"removed “{article.Title}” from “{from.Title}”";
    }

    /// <summary>A whole new order (drag and drop): it must hold exactly the section's articles, or the section changed meanwhile.</summary>
    public static string ReorderArticles(IssueSection section, IReadOnlyList<int> order)
    {
        var ids = section.Articles.Select(a => a.Id).Order().ToList();
        if (!order.Order().SequenceEqual(ids))
        {
            throw new WorkflowException("The section changed while you were arranging it: reload the page and try again.");
        }

        var positions = order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        foreach (var a in section.Articles)
        {
            a.Position = positions[a.Id];
        }

        return $"reordered “{section.Title}”";
    }

    public string AddTakeaway(string title, string summary, int? articleId)
    {
        RequireArticleInIssue(articleId);
        Takeaways.Add(new IssueTakeaway { Title = title.Trim(), Summary = summary.Trim(), ArticleId = articleId, Position = Takeaways.Count });
        return $"added takeaway “{title}”";
    }

    public string EditTakeaway(IssueTakeaway takeaway, string title, string summary, int? articleId)
    {
        RequireArticleInIssue(articleId);
        takeaway.Title = title.Trim();
        takeaway.Summary = summary.Trim();
        takeaway.ArticleId = articleId;
        return $"edited takeaway “{title}”";
    }

    public string MoveTakeaway(IssueTakeaway takeaway, bool up)
    {
        var takeaways = OrderedTakeaways;
        Move(takeaways, takeaway, up ? -1 : 1);
        Renumber(takeaways, (t, i) => t.Position = i);
        return $"moved takeaway “{takeaway.Title}”";
    }

    public string RemoveTakeaway(IssueTakeaway takeaway)
    {
        Takeaways.Remove(takeaway);
        Renumber(OrderedTakeaways, (t, i) => t.Position = i);
        return $"removed takeaway “{takeaway.Title}”";
    }

    /// <summary>A takeaway points to an article of this issue, or to none.</summary>
    private void RequireArticleInIssue(int? articleId)
    {
        if (articleId is { } id && !Sections.SelectMany(s => s.Articles).Any(a => a.Id == id))
        {
            throw new WorkflowException("A takeaway can only point to an article of this issue.");
        }
    }

    private static void Move<T>(List<T> items, T item, int by)
    {
        var index = items.IndexOf(item);
        var to = Math.Clamp(index + by, 0, items.Count - 1);
        items.RemoveAt(index);
        items.Insert(to, item);
    }

    private static void Renumber<T>(List<T> items, Action<T, int> set)
    {
        for (var i = 0; i < items.Count; i++)
        {
            set(items[i], i);
        }
    }
}
