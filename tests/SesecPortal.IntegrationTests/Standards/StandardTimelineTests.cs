using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.IntegrationTests.Relations;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>A standard's timeline on a chosen day.</summary>
public sealed class StandardTimelineTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
    [Fact]
    public async Task The_timeline_marks_the_coming_into_force_as_upcoming_before_its_day()
    {
        var before = await StandardOn("gb-55015-2021", new DateOnly(2022, 3, 31));
        var after = await StandardOn("gb-55015-2021", new DateOnly(2022, 4, 1));

        before.Status.ShouldBe("Published, in force from 1 April 2022");
        before.Timeline.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Label.ShouldBe("In force"), e => e.HasHappened.ShouldBeFalse());
        after.Status.ShouldBe("In force");
        after.Timeline.ShouldHaveSingleItem().HasHappened.ShouldBeTrue();
    }

    [Fact]
    public async Task Stored_events_join_the_timeline()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var standard = await db.Standards.SingleAsync(s => s.Slug == "gb-55015-2021", Ct);
            standard.Events.Add(new StandardEvent { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 3, 1), Note = "Amendment No. 1" });
            await db.SaveChangesAsync(Ct);
        }

        var result = await StandardOn("gb-55015-2021", new DateOnly(2023, 1, 1));

        result.Timeline.Select(e => (e.Label, e.HasHappened)).ShouldBe([("In force", true), ("Amended", false)]);
        result.Timeline[1].Note.ShouldBe("Amendment No. 1");
    }
}
