using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

/// <summary>The editorial rules that need no database: issue periods, references, source links, the workflow.</summary>
public sealed class EditorialRulesTests
{
    [Theory]
    [InlineData("2022-01-31", "2022-02-01", "2022-03-31", "February – March 2022", "february-march-2022")]
    [InlineData("2022-11-30", "2022-12-01", "2023-01-31", "December 2022 – January 2023", "december-2022-january-2023")]
    [InlineData("2023-12-31", "2024-01-01", "2024-02-29", "January – February 2024", "january-february-2024")]
    public void The_next_issue_covers_the_two_following_months(string previousEnd, string start, string end, string title, string slug)
    {
        var period = IssuePeriod.After(DateOnly.Parse(previousEnd, System.Globalization.CultureInfo.InvariantCulture));

        period.Start.ShouldBe(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        period.End.ShouldBe(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        period.Title.ShouldBe(title);
        period.Slug.ShouldBe(slug);
    }

    [Fact]
    public void References_are_found_once_each_in_order()
    {
        ArticleReferences.Find("See [[GB 55015-2021]], [[ SC 42 ]] and again [[gb 55015-2021]]. Not [this] or [[]].")
            .ShouldBe(["GB 55015-2021", "SC 42"]);
    }

    [Fact]
    public void Two_spellings_of_one_code_are_one_reference()
    {
        ArticleReferences.KeyOf("GB 55015—2021").ShouldBe(ArticleReferences.KeyOf("gb 55015 2021"));
        ArticleReferences.KeyOf("Carbon Peak Plan").ShouldBe(ArticleReferences.KeyOf("carbon peak plan"));
    }

    [Fact]
    public void A_resolved_reference_becomes_a_link_and_an_unresolved_one_plain_text()
    {
        var linked = ArticleReferences.Link("Meets [[GB 55015-2021]] and [[GB 1-2000]].", l => l == "GB 55015-2021" ? "/standards/gb-55015-2021" : null);

        linked.ShouldBe("Meets [GB 55015-2021](/standards/gb-55015-2021) and GB 1-2000.");
    }

    [Fact]
    public void Source_links_are_read_one_per_line_with_an_optional_title()
    {
        SourceLinkText.Parse("https://a.example/x  NDRC notice\n\n http://b.example ").ShouldBe([
            new SourceLinkText.Entry(1, "https://a.example/x", "NDRC notice"), new SourceLinkText.Entry(3, "http://b.example", null)]);
    }

    [Theory]
    [InlineData("https://www.ndrc.gov.cn/x", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.com/file", false)]
    [InlineData("/relative/path", false)]
    [InlineData("https://", false)]
    public void Only_absolute_http_and_https_links_are_acceptable(string url, bool acceptable) =>
        SourceLinkText.IsAcceptable(url).ShouldBe(acceptable);

    private static ArticleRevision Revision(RevisionState state, string? author = "author") =>
        new() { Title = "T", Summary = "S", Body = "B", AuthorName = "Author", AuthorId = author, State = state };

    [Fact]
    public void A_revision_goes_draft_in_review_approved()
    {
        var revision = Revision(RevisionState.Draft);
        ArticleWorkflow.Submit(revision);
        revision.State.ShouldBe(RevisionState.InReview);
        ArticleWorkflow.Approve(revision, "reviewer", "Reviewer", isAdmin: false, DateTimeOffset.UnixEpoch, scheduledFor: null);
        revision.State.ShouldBe(RevisionState.Approved);
        revision.ApprovedByName.ShouldBe("Reviewer");
    }

    [Fact]
    public void An_admin_may_approve_their_own_revision_an_editor_may_not()
    {
        Should.Throw<WorkflowException>(() => ArticleWorkflow.Approve(Revision(RevisionState.InReview), "author", "A", isAdmin: false, DateTimeOffset.UnixEpoch, null));
        var revision = Revision(RevisionState.InReview);
        ArticleWorkflow.Approve(revision, "author", "A", isAdmin: true, DateTimeOffset.UnixEpoch, null);
        revision.State.ShouldBe(RevisionState.Approved);
    }

    [Theory]
    [InlineData(RevisionState.InReview)]
    [InlineData(RevisionState.Published)]
    [InlineData(RevisionState.Discarded)]
    public void Only_a_draft_can_be_submitted(RevisionState state) =>
        Should.Throw<WorkflowException>(() => ArticleWorkflow.Submit(Revision(state))).Message.ShouldBe("Only a draft can be submitted for review.");

    [Fact]
    public void Editing_an_approved_revision_withdraws_its_approval_and_schedule()
    {
        var revision = Revision(RevisionState.Approved);
        revision.ApprovedByName = "Reviewer";
        revision.ScheduledFor = DateTimeOffset.UnixEpoch;

        ArticleWorkflow.Edited(revision);

        (revision.State, revision.ApprovedByName, revision.ScheduledFor).ShouldBe((RevisionState.Draft, null, null));
    }
}
